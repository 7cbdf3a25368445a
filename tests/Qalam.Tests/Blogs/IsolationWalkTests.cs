using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Accounts;
using Qalam.Comments;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Tests.Blogs;

// Every page and endpoint the program maps, walked by the owner of blog B: under B's address with blog A's ids, and
// (for what is not public reading) under A's address. Nothing may answer with success, and A's data must be as it was.
public sealed class IsolationWalkTests : WithOwnApp
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE"];

    [Fact]
    public async Task The_owner_of_one_blog_can_reach_nothing_of_another_through_any_address()
    {
        var a = await App.Seed.BlogAsync("en");
        var b = await App.Seed.BlogAsync("en");
        var postA = await App.Seed.PostAsync(a, "Private thoughts of A", "Only A's.", tags: ["secret-tag"]);
        var draftA = await App.Seed.PostAsync(a, "Draft of A", draft: true);
        var commentA = await App.Seed.CommentAsync(postA, "Ann", "Held in A", CommentStatus.Pending);
        await App.Seed.PostAsync(b, "B's own post");
        var ownerB = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(b, ownerB, BlogRole.Owner);
        var browser = await App.SignedInAsync(ownerB);
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(ownerB));
        var antiforgery = (await browser.GetPageAsync($"/admin/{b.Handle}/settings")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["id"] = postA.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["commentId"] = commentA.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["slug"] = postA.Slug,
            ["tag"] = "secret-tag",
            ["job"] = Guid.NewGuid().ToString(),
            ["name"] = "0123456789abcdef0123456789abcdef.png",
            ["page"] = "1",
        };
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Any(p => p.Name is "blog" or "handle"))
            .ToList();
        Assert.True(endpoints.Count > 25, $"only {endpoints.Count} endpoints with a blog in their address were found");

        var problems = new List<string>();
        var walked = 0;
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            var isApi = endpoint.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal);
            var hasIds = endpoint.RoutePattern.Parameters.Any(p => p.Name is not ("blog" or "handle"));
            foreach (var method in methods.Where(Methods.Contains))
            {
                foreach (var (blog, mine) in new[] { (b.Handle, true), (a.Handle, false) })
                {
                    // Under B's own address only addresses naming something of A's are tried; under A's, everything that
                    // is not plain public reading (a GET of a public page, feed or API list).
                    if (mine && !hasIds)
                    {
                        continue;
                    }
                    var path = PathOf(endpoint.RoutePattern, blog, values, isApi);
                    if (path is null)
                    {
                        continue;
                    }
                    // What any reader may do on A's public addresses: read them, and comment (through the API too, with the
                    // blog's policy applied as for any reader).
                    var isPublic = (method == "GET" && !path.StartsWith("/admin", StringComparison.Ordinal) && !path.EndsWith("/stats", StringComparison.Ordinal))
                        || (method == "POST" && path.StartsWith("/api", StringComparison.Ordinal) && path.EndsWith("/comments", StringComparison.Ordinal));
                    if (!mine && isPublic)
                    {
                        continue;
                    }
                    using var request = new HttpRequestMessage(new HttpMethod(method), path);
                    if (method != "GET")
                    {
                        request.Content = isApi
                            ? new StringContent("{\"title\":\"Taken over\",\"status\":\"approved\",\"body\":\"x\"}", System.Text.Encoding.UTF8, "application/json")
                            : new FormUrlEncodedContent(new Dictionary<string, string>
                            {
                                ["__RequestVerificationToken"] = antiforgery,
                                ["apply"] = $"delete:{commentA.Id}",
                                ["ids"] = commentA.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                                ["Form.Title"] = "Taken over",
                                ["Form.Body"] = "x",
                                ["Form.Name"] = "x",
                                ["command"] = "publish",
                                ["parentId"] = commentA.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            });
                    }
                    using var response = await (path.StartsWith("/api", StringComparison.Ordinal) ? api : browser).SendAsync(request);
                    walked++;
                    var status = (int)response.StatusCode;
                    var body = await response.Content.ReadAsStringAsync();
                    var fine = status is 400 or 401 or 403 or 404 or 405 or 409 or 422
                        // The comment form on B's post page refuses a reply to A's comment by re-showing the form.
                        || (status == 200 && method == "GET" && !body.Contains("Private thoughts of A", StringComparison.Ordinal) && !body.Contains("Held in A", StringComparison.Ordinal));
                    if (!fine)
                    {
                        problems.Add($"{method} {path} ({endpoint.RoutePattern.RawText}) answered {status}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(walked > 40, $"only {walked} requests were made");
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        Assert.Equal("Private thoughts of A", (await db.Posts.AsNoTracking().SingleAsync(p => p.Id == postA.Id)).Title);
        Assert.True(await db.Posts.AnyAsync(p => p.Id == draftA.Id));
        Assert.Equal(CommentStatus.Pending, (await db.Comments.AsNoTracking().SingleAsync(c => c.Id == commentA.Id)).Status);
        Assert.Equal(1, await db.Comments.CountAsync(c => c.PostId == postA.Id));
        Assert.Equal(2, await db.Posts.CountAsync(p => p.BlogId == a.Id));
    }

    [Fact]
    public async Task A_post_to_a_page_that_only_shows_something_answers_405_not_an_error()
    {
        var (blog, owner, browser) = await App.BlogWithPersonAsync("en");
        var token = (await browser.GetPageAsync($"/admin/{blog.Handle}/settings")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        foreach (var path in new[] { $"/admin/{blog.Handle}", $"/admin/{blog.Handle}/stats", $"/{blog.Handle}", $"/{blog.Handle}/search" })
        {
            using var response = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{path}: {response.StatusCode}");
        }
    }

    // The address of a route with the blog and ids filled in; null when a part cannot be filled.
    private static string? PathOf(RoutePattern pattern, string blog, Dictionary<string, string> values, bool isApi)
    {
        var path = new System.Text.StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        path.Append(literal.Content);
                        break;
                    case RoutePatternSeparatorPart separator:
                        path.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter when parameter.Name is "blog" or "handle":
                        path.Append(blog);
                        break;
                    case RoutePatternParameterPart parameter when values.TryGetValue(parameter.Name, out var value):
                        path.Append(Uri.EscapeDataString(value));
                        break;
                    case RoutePatternParameterPart { IsOptional: true }:
                        break;
                    default:
                        return null;
                }
            }
        }
        var text = path.ToString().Replace("//", "/", StringComparison.Ordinal).TrimEnd('/');
        return isApi && !text.StartsWith("/api", StringComparison.Ordinal) ? "/api/v1" + text : text;
    }
}
