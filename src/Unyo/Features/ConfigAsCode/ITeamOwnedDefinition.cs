namespace Unyo.Features.ConfigAsCode;

// A definition owned by a team, so kinds that hang off it (an integration off a service) can
// check in a plan's final state that they name the same team, without knowing its type.
public interface ITeamOwnedDefinition : IConfigDefinition
{
    string Team { get; }
}
