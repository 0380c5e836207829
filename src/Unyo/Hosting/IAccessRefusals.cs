namespace Unyo.Hosting;

// Told of each request refused for its credential: a bearer token that is malformed, unknown,
// revoked or expired (401), or a caller whose role or token scope the endpoint's policy refuses
// (403). The audit log implements it; authentication and authorization, which sit below it,
// only report.
public interface IAccessRefusals
{
    Task RefusedAsync(HttpContext context, AccessRefusal refusal);
}
