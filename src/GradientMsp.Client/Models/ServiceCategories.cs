using System.Collections.Generic;
using GradientMsp.Contracts;

namespace GradientMsp.Client.Models
{
    /// <summary>
    /// The category and subcategory values Gradient accepts for vendor services. They are case
    /// sensitive and must be sent verbatim, including Gradient's spelling "priviledged". The lists
    /// live in GradientMsp.Contracts, which the emulator validates against too.
    /// </summary>
    public static class ServiceCategories
    {
        public static IReadOnlyList<string> Categories => ServiceCatalog.Categories;

        public static IReadOnlyList<string> Subcategories => ServiceCatalog.Subcategories;
    }
}
