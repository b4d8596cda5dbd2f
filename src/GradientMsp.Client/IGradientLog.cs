using System;

namespace GradientMsp.Client
{
    /// <summary>
    /// Where the client reports what it does. The cmdlets implement it with WriteVerbose on the
    /// pipeline thread (calls may arrive from any thread, so implementations must queue).
    /// Nothing passed here ever contains the token or a key.
    /// </summary>
    public interface IGradientLog
    {
        /// <summary>One HTTP exchange: method, path and query, status (null when no response), time taken, attempt number.</summary>
        void Request(string method, string pathAndQuery, int? statusCode, TimeSpan elapsed, int attempt);

        /// <summary>A retry is about to wait.</summary>
        void Retrying(string method, string pathAndQuery, string reason, TimeSpan delay, int attempt);
    }
}
