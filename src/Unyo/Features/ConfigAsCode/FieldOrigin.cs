namespace Unyo.Features.ConfigAsCode;

// Where a translated field came from: a document as it was read, and a path in it.
public sealed record FieldOrigin(ConfigDocument Document, string Path);
