namespace Unyo.Features.Checks.Probes;

// Ends a probe attempt with a reason already in words for the person on call: thrown from deep
// inside a connection (the connect callback, a certificate check) and found again in the
// exception chain that HttpClient or SslStream wraps around it.
internal sealed class ProbeFailedException(string reason) : Exception(reason)
{
    public static ProbeFailedException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is ProbeFailedException failed)
            {
                return failed;
            }
        }
        return null;
    }
}
