namespace Unyo.Features.Postmortems;

// Draft while it is written, in review while the team reads it, published when agreed.
public enum PostmortemState
{
    Draft,
    InReview,
    Published,
}
