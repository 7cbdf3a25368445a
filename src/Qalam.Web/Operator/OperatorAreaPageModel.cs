using Microsoft.AspNetCore.Mvc.Filters;
using Qalam.Admin;

namespace Qalam.Operator;

// The operator area's pages answer only the install's owners and admins; to everyone else they do not exist (404).
// Checked once here, before any handler runs, so a handler added later cannot forget it.
public abstract class OperatorAreaPageModel : AdminPageModel
{
    public override Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!Viewer.IsInstallAdmin)
        {
            context.Result = NotFound();
            return Task.CompletedTask;
        }
        return next();
    }
}
