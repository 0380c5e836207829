using Microsoft.AspNetCore.Diagnostics;

namespace Unyo.Components;

public static class PageStatus
{
    // A page that answers 404 or 403 renders its own explanation; without this the status-code
    // pages middleware would replace it with a bare problem document.
    public static void SetPageStatus(this HttpContext context, int statusCode)
    {
        context.Response.StatusCode = statusCode;
        if (statusCode >= 400 && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }
    }
}
