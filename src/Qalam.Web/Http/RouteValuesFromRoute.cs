using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Qalam.Http;

// What a page handler acts on comes from its address: a handler parameter named like one of the page's route values
// (blog, slug, id) is bound from the route alone. By default a form field of the same name would win, and the comment
// form posted to /a/posts/x with blog=b stored its comment on blog b.
public sealed class RouteValuesFromRoute : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        if (model.ActionDescriptor.AttributeRouteInfo?.Template is not { } template)
        {
            return;
        }
        var names = RoutePatternFactory.Parse(template).Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in model.HandlerMethods.SelectMany(h => h.Parameters).Where(p => names.Contains(p.ParameterName)))
        {
            parameter.BindingInfo ??= new BindingInfo();
            parameter.BindingInfo.BindingSource = BindingSource.Path;
        }
        foreach (var property in model.HandlerProperties.Where(p => names.Contains(p.PropertyName) && p.BindingInfo is not null))
        {
            property.BindingInfo!.BindingSource = BindingSource.Path;
        }
    }
}
