namespace Unyo.Features.Postmortems;

// The sizes the validator and the columns share.
public static class PostmortemLimits
{
    public const int Title = 200;
    public const int Section = 50000;
    public const int Field = 2000;
    public const int Factor = 500;
    public const int Factors = 50;
    public const int Comment = 10000;
    public const int Url = 2000;
}
