using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GradientMsp.Client.Usage
{
    // Placeholder so the public surface compiles; the engine lands in the next commit.
    public sealed partial class UsageSyncEngine
    {
        private Task AddCoreAsync(UsageRow row, CancellationToken cancellationToken) => throw new NotImplementedException();
        private IReadOnlyList<UsageResult> TakeCompletedCore() => throw new NotImplementedException();
        private Task<bool> WaitForCompletedCoreAsync(TimeSpan timeout, CancellationToken cancellationToken) => throw new NotImplementedException();
        private Task<UsageSyncSummary> CompleteCoreAsync(CancellationToken cancellationToken) => throw new NotImplementedException();
        private UsageSyncProgress GetProgress() => default;

        public void Dispose()
        {
        }
    }
}
