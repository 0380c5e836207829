using System.Globalization;
using System.Text;
using System.Xml;

namespace Unyo.Features.StatusPages.Public;

// `/status/{page}/feed.atom`: one entry per published update, newest first (RFC 4287). XmlWriter
// escapes every text, so a message with markup arrives as text in feed readers too.
public static class AtomFeed
{
    public const int MaxEntries = 50;

    public static byte[] Write(StatusSnapshot snapshot, Uri pageUrl)
    {
        var entries = snapshot.ActiveIncidents.Concat(snapshot.PastIncidents)
            .SelectMany(i => i.Updates.Select(u => (Incident: i, Update: u)))
            .OrderByDescending(e => e.Update.At).ThenByDescending(e => e.Update.Id)
            .Take(MaxEntries).ToList();
        var updated = entries.Count > 0 ? entries[0].Update.At : snapshot.GeneratedAt;
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            const string ns = "http://www.w3.org/2005/Atom";
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", ns);
            xml.WriteElementString("id", ns, $"{pageUrl}");
            xml.WriteElementString("title", ns, $"{snapshot.Title} updates");
            xml.WriteElementString("updated", ns, Stamp(updated));
            Link(xml, ns, "alternate", pageUrl.ToString(), "text/html");
            Link(xml, ns, "self", $"{pageUrl}/feed.atom", "application/atom+xml");
            xml.WriteStartElement("author", ns);
            xml.WriteElementString("name", ns, snapshot.Title);
            xml.WriteEndElement();
            foreach (var (incident, update) in entries)
            {
                xml.WriteStartElement("entry", ns);
                xml.WriteElementString("id", ns, $"{pageUrl}#update-{update.Id.ToString(CultureInfo.InvariantCulture)}");
                xml.WriteElementString("title", ns, $"{Capitalise(update.Status)}: {incident.Title}");
                xml.WriteElementString("updated", ns, Stamp(update.At));
                xml.WriteElementString("published", ns, Stamp(update.At));
                Link(xml, ns, "alternate", $"{pageUrl}#incident-{incident.Id.ToString(CultureInfo.InvariantCulture)}", "text/html");
                xml.WriteStartElement("content", ns);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(update.Message);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return stream.ToArray();
    }

    private static void Link(XmlWriter xml, string ns, string rel, string href, string type)
    {
        xml.WriteStartElement("link", ns);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Capitalise(string status) => char.ToUpperInvariant(status[0]) + status[1..];
}
