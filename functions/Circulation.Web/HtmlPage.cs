using System.Net;
using Microsoft.AspNetCore.Http;

namespace Circulation.Web;

/// <summary>The server-rendered pages' common frame (approval, signature and their outcomes).</summary>
public static class HtmlPage
{
    /// <summary>HTML-encodes text.</summary>
    public static string Enc(string? value) => WebUtility.HtmlEncode(value ?? "");

    /// <summary>A full page; <paramref name="body"/> is trusted HTML built with <see cref="Enc"/>.</summary>
    public static IResult Render(string title, string body, int status = StatusCodes.Status200OK) => Results.Content(
        $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{{Enc(title)}} · Circulation</title>
        <link rel="stylesheet" href="/assets/site.css">
        </head>
        <body>
        <header class="masthead"><span class="emblem">PGA</span> Circulation <small>Office of the President of the General Assembly</small></header>
        <main>
        <h1>{{Enc(title)}}</h1>
        {{body}}
        </main>
        </body>
        </html>
        """,
        "text/html; charset=utf-8",
        System.Text.Encoding.UTF8,
        status);

    /// <summary>A page that explains why nothing happened.</summary>
    public static IResult Problem(string title, string explanation, int status) =>
        Render(title, $"""<div class="notice notice-problem" role="alert"><p>{Enc(explanation)}</p><p>Nothing was changed.</p></div>""", status);
}
