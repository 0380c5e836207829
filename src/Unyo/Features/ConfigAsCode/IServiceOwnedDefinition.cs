namespace Unyo.Features.ConfigAsCode;

// A definition that hangs off a service, so kinds that refer to it across features (an SLI over a
// check) can compare services in a plan's final state without knowing each other's types.
public interface IServiceOwnedDefinition : IConfigDefinition
{
    string Service { get; }
}
