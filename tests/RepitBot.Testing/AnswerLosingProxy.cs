using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RepitBot.Testing;

/// <summary>
/// A reverse proxy in front of a service that, for the requests a test names, forwards the request, lets the service
/// carry it out, then throws its answer away and answers a bare 503 itself: what a gateway whose upstream connection
/// broke after the request went through answers. Every other request is relayed as it is.
/// </summary>
public sealed class AnswerLosingProxy : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };
    private int lost;

    private AnswerLosingProxy(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Where requests go; until it is set, the proxy answers 502.</summary>
    public Uri? Target { get; set; }

    /// <summary>Which requests have their answer thrown away; none by default.</summary>
    public Func<HttpRequest, bool> LosesAnswerOf { get; set; } = _ => false;

    /// <summary>How many answers were thrown away so far.</summary>
    public int Lost => Volatile.Read(ref lost);

    public static async Task<AnswerLosingProxy> StartAsync()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url.ToString());
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var proxy = new AnswerLosingProxy(app, url);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        upstream.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        if (Target is not { } target)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(target, context.Request.Path + context.Request.QueryString));
        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > 0)
        {
            body.Position = 0;
            request.Content = new StreamContent(body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (name is "Host" or "Content-Length" or "Transfer-Encoding")
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await upstream.SendAsync(request, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            // The service is gone: what a gateway answers then.
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }

        using var answer = response;
        if (LosesAnswerOf(context.Request))
        {
            // The service did its work; a proxy cannot know whether it did, so it says nothing about it.
            Interlocked.Increment(ref lost);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (name is not ("Transfer-Encoding" or "Content-Length"))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
