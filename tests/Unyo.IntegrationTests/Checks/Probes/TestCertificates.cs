using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Unyo.IntegrationTests.Checks.Probes;

// A private CA and server certificates it issued, made with CertificateRequest: good, expiring
// soon, nearly expired, expired, and one for another name. Probes that should trust them get the
// CA as an extra trusted root (ProbeRunner's trustedRoots); the system's store is not touched.
public static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> Authority = new(() =>
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Unyo Probe Test Root", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-365), TimeProvider.System.GetUtcNow().AddYears(5));
    });

    private static readonly Dictionary<string, Lazy<X509Certificate2>> Issued = new()
    {
        ["good.test"] = new(() => Issue("good.test", TimeSpan.FromDays(90))),
        ["localhost"] = new(() => Issue("localhost", TimeSpan.FromDays(90))),
        ["soon.test"] = new(() => Issue("soon.test", TimeSpan.FromDays(10.5))),
        ["dying.test"] = new(() => Issue("dying.test", TimeSpan.FromDays(3.5))),
        ["expired.test"] = new(() => Issue("expired.test", TimeSpan.FromDays(-2))),
        ["a.example"] = new(() => Issue("a.example", TimeSpan.FromDays(90))),
        ["self.test"] = new(() => SelfSigned("self.test")),
    };

    public static X509Certificate2 Root => Authority.Value;

    public static X509Certificate2Collection TrustedRoots => [Root];

    // The certificate for an SNI name; names it has none for (and no SNI) get a.example's.
    public static X509Certificate2 For(string? serverName) =>
        Issued.TryGetValue(serverName ?? "", out var certificate) ? certificate.Value : Issued["a.example"].Value;

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(90));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private static X509Certificate2 Issue(string name, TimeSpan validFor)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var notAfter = TimeProvider.System.GetUtcNow().Add(validFor);
        var notBefore = validFor < TimeSpan.Zero ? notAfter.AddDays(-30) : TimeProvider.System.GetUtcNow().AddDays(-1);
        using var issued = request.Create(Root, notBefore, notAfter, RandomNumberGenerator.GetBytes(12));
        // SslStream on Linux wants a key it can export into its own context; a PFX round trip gives one.
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }
}
