using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Unyo.Features.Checks.Probes;

// What is wrong with a server's certificate, in words: expired, not yet valid, for another name,
// or not chained to a trusted root. Expiry is judged by the probe's clock (TimeProvider), the chain
// by the platform. Extra trusted roots (a private CA) can make an otherwise untrusted chain good.
internal sealed class CertificateJudge(X509Certificate2Collection? trustedRoots)
{
    // No certificate downloads: a chain built by fetching a URL that the server's certificate
    // names (AIA) would be a request to an address no guard has judged. The application policy is
    // set here rather than added by SslStream, so a policy shared by concurrent handshakes is
    // only ever read.
    public static X509ChainPolicy ChainPolicy()
    {
        var policy = new X509ChainPolicy { DisableCertificateDownloads = true, RevocationMode = X509RevocationMode.NoCheck };
        policy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication"));
        return policy;
    }

    // Null when the certificate is good for `serverName` at `now`.
    public string? Problem(X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors, string serverName, DateTimeOffset now)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return "TLS: the server sent no certificate";
        }
        if (certificate.NotAfter.ToUniversalTime() < now.UtcDateTime)
        {
            return $"TLS: certificate expired on {Date(certificate.NotAfter)} ({certificate.Subject})";
        }
        if (certificate.NotBefore.ToUniversalTime() > now.UtcDateTime)
        {
            return $"TLS: certificate is not valid before {Date(certificate.NotBefore)} ({certificate.Subject})";
        }
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return $"TLS: certificate is for {Names(certificate)}, not {serverName}";
        }
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors) && !TrustedByExtraRoots(certificate, chain))
        {
            return ChainProblem(certificate, chain);
        }
        return null;
    }

    public static string Date(DateTime at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    public static string Names(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames());
                names.AddRange(san.EnumerateIPAddresses().Select(a => a.ToString()));
            }
        }
        if (names.Count == 0)
        {
            names.Add(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        }
        return names.Count <= 3 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(3))} and {names.Count - 3} more";
    }

    private static string ChainProblem(X509Certificate2 certificate, X509Chain? chain)
    {
        var statuses = chain?.ChainStatus.Select(s => s.Status).Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s) ?? X509ChainStatusFlags.NoError;
        var last = chain is { ChainElements.Count: > 0 } ? chain.ChainElements[^1].Certificate : certificate;
        return statuses switch
        {
            _ when statuses.HasFlag(X509ChainStatusFlags.Revoked) => "TLS: certificate has been revoked",
            _ when statuses.HasFlag(X509ChainStatusFlags.PartialChain) =>
                $"TLS: incomplete chain: the issuer {last.Issuer} of {last.Subject} is unknown (a private CA, or an intermediate certificate the server does not send)",
            _ when statuses.HasFlag(X509ChainStatusFlags.UntrustedRoot) => $"TLS: untrusted root: {last.Subject} is not a trusted certificate authority",
            _ when statuses.HasFlag(X509ChainStatusFlags.NotSignatureValid) => "TLS: a certificate of the chain has an invalid signature",
            _ when statuses.HasFlag(X509ChainStatusFlags.NotValidForUsage) => "TLS: certificate is not valid for server authentication",
            _ when statuses.HasFlag(X509ChainStatusFlags.NotTimeValid) => "TLS: a certificate of the chain has expired",
            _ => $"TLS: certificate chain is not valid ({string.Join("; ", chain?.ChainStatus.Select(s => s.StatusInformation.Trim()) ?? [])})",
        };
    }

    private bool TrustedByExtraRoots(X509Certificate2 certificate, X509Chain? chain)
    {
        if (trustedRoots is not { Count: > 0 })
        {
            return false;
        }
        using var custom = new X509Chain { ChainPolicy = ChainPolicy() };
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(trustedRoots);
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        return custom.Build(certificate);
    }
}
