using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Postmortems;

// A reviewer's remark on a postmortem, in Markdown. Comments are kept, never edited: the review
// is part of the record.
public sealed class PostmortemComment
{
    public long Id { get; set; }
    public long PostmortemId { get; set; }
    public required string Author { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Text { get; set; }
}

internal sealed class PostmortemCommentConfiguration : IEntityTypeConfiguration<PostmortemComment>
{
    public void Configure(EntityTypeBuilder<PostmortemComment> builder)
    {
        builder.Property(c => c.Author).HasMaxLength(200);
        builder.Property(c => c.Text).HasMaxLength(PostmortemLimits.Comment);
        builder.HasIndex(c => new { c.PostmortemId, c.Id });
        builder.HasOne<Postmortem>().WithMany().HasForeignKey(c => c.PostmortemId).OnDelete(DeleteBehavior.Cascade);
    }
}
