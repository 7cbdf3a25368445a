using Microsoft.AspNetCore.Mvc;
using Qalam.Accounts;
using Qalam.Blogs;

namespace Qalam.Admin;

// /admin: the blogs this person works on, and a form to start another.
public sealed class HomeModel(BlogAccessChecker access, BlogCreator creator) : AdminPageModel
{
    public List<BlogView> Blogs { get; private set; } = [];

    [BindProperty]
    public NewBlogForm Form { get; set; } = new();

    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Blogs = await access.BlogsOfAsync(Viewer, cancellationToken);
        if (Blogs.Count == 1)
        {
            return Redirect($"/admin/{Blogs[0].Handle}");
        }
        Form.Language = Language;
        Chrome(Text["Admin.Home.Title"]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        switch (await creator.CreateAsync(new NewBlog(Form.Handle, Form.Title, Form.Language, Form.Description), Viewer.UserId, cancellationToken))
        {
            case BlogCreation.Created created:
                return Redirect($"/admin/{created.Blog.Handle}");
            case BlogCreation.HandleTaken:
                Errors["Handle"] = Text["Admin.Error.HandleTaken"];
                break;
            case BlogCreation.Invalid invalid:
                foreach (var error in invalid.Errors)
                {
                    Errors[error.Field.ToString()] = Text["Admin.Error.Blog." + error.Field + "." + error.Code];
                }
                break;
        }
        Blogs = await access.BlogsOfAsync(Viewer, cancellationToken);
        Chrome(Text["Admin.Home.Title"]);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

public sealed class NewBlogForm
{
    public string? Handle { get; set; }
    public string? Title { get; set; }
    public string? Language { get; set; }
    public string? Description { get; set; }
}
