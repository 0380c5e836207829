namespace Unyo.Features.Alerts.Matching;

// Alertmanager's four matcher operators: =, !=, =~ and !~.
public enum MatchOp
{
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}
