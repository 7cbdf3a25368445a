namespace Qalam.Http;

// Defence in depth behind the sanitizer: even if markup slipped through, the browser would run no inline script.
public static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; font-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // The post editor's component (TOAST UI) shows and hides its own parts with style attributes; on that page alone
    // they are allowed (style attributes only: no <style> elements, no inline script, nothing else widened).
    public static void AllowStyleAttributes(HttpResponse response) =>
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy + "; style-src-attr 'unsafe-inline'";

    // A theme preview (Themes.ThemePreview) is shown in a frame of the install's own appearance page: that response
    // alone may be framed, and only by the install itself.
    public static void AllowFramingBySelf(HttpResponse response) =>
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy.Replace("frame-ancestors 'none'", "frame-ancestors 'self'", StringComparison.Ordinal);

    // An install whose configured address is https (Hosting:Domain with Hosting:Scheme https, or an https
    // Qalam:PublicOrigin) is https to browsers whatever the proxy in front tells us: they are told to keep to it (HSTS)
    // and every cookie is Secure.
    public static void UseSecurityHeaders(this WebApplication app, bool https)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            if (https)
            {
                headers.StrictTransportSecurity = "max-age=31536000";
            }
            return next();
        });
        if (https)
        {
            app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.Always });
        }
    }
}
