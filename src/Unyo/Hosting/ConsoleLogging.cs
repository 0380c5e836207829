namespace Unyo.Hosting;

public static class ConsoleLogging
{
    // Structured logs on the console: JSON lines (UNYO_LOG_FORMAT=json, for log shippers) or
    // one readable line per event with its scope and UTC timestamp.
    public static ILoggingBuilder ConfigureConsole(this ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.ClearProviders();
        if (string.Equals(configuration["log-format"] ?? configuration["UNYO_LOG_FORMAT"], "json", StringComparison.OrdinalIgnoreCase))
        {
            logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
                o.IncludeScopes = true;
            });
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            });
        }
        return logging;
    }
}
