namespace Unyo.Hosting;

// Where an object was last written from. Only objects created by `unyo apply` are ever pruned:
// what a person made in the UI or through the API is never deleted behind their back.
public enum ManagedBy
{
    Api,
    Ui,
    Apply,
}

public static class ManagedByNames
{
    public static string ToName(this ManagedBy managedBy) => managedBy.ToString().ToLowerInvariant();
}
