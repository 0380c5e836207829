namespace Unyo.Features.Accounts.Pages;

// What the team forms post; kept as typed so a refused form comes back unchanged.
public sealed class TeamForm
{
    public string? Name { get; set; }
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public int Revision { get; set; }
}
