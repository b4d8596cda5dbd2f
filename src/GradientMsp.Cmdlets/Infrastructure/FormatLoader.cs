using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Loads the module's format views the first time one of its commands runs in a runspace,
    /// instead of at import. The first format-data update of a session costs it ~100 ms (PowerShell
    /// then loads its own views too), which would otherwise be paid by every script that merely
    /// imports the module; a command that writes output needs the views, and gets them before its
    /// first object. The views stay FormatsToProcess-equivalent: same files, appended once.
    /// </summary>
    internal static class FormatLoader
    {
        private static readonly ConditionalWeakTable<Runspace, object> Loaded = new ConditionalWeakTable<Runspace, object>();

        public static void EnsureLoaded(PSCmdlet cmdlet)
        {
            Runspace? runspace = Runspace.DefaultRunspace;
            if (runspace == null || Loaded.TryGetValue(runspace, out _))
            {
                return;
            }

            Loaded.Add(runspace, new object());
            string[] files = Directory.Exists(ModuleInfo.ModuleBase) ? Directory.GetFiles(ModuleInfo.ModuleBase, "*.Format.ps1xml") : new string[0];
            if (files.Length == 0)
            {
                return;
            }

            try
            {
                cmdlet.InvokeCommand.InvokeScript(
                    "param([string[]] $Path) Update-FormatData -AppendPath $Path",
                    useNewScope: true,
                    writeToPipeline: PipelineResultTypes.None,
                    input: null,
                    args: new object[] { files });
            }
            catch (RuntimeException exception)
            {
                // Views are cosmetic: a session that forbids Update-FormatData still gets its objects.
                cmdlet.WriteVerbose("GradientMsp format views were not loaded: " + exception.Message);
            }
        }
    }
}
