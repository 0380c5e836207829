namespace Unyo.Features.Accounts.Pages;

// What the new-person form posts; kept as typed (but the password) so a refused form comes back.
public sealed class PersonForm
{
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public string? Role { get; set; }
    public string? Password { get; set; }
}
