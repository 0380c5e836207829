namespace Unyo.Hosting;

public static class RequestLimits
{
    // Enough for a large `apply` of a few thousand objects; anything bigger is a mistake or abuse.
    public const long MaxBodyBytes = 4 * 1024 * 1024;
}
