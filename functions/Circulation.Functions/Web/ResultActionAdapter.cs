using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Circulation.Functions.Web;

/// <summary>Lets the Functions HTTP integration execute the shared handlers' minimal-API results.</summary>
internal sealed class ResultActionAdapter : IActionResult
{
    private readonly IResult result;

    public ResultActionAdapter(IResult result) => this.result = result;

    public Task ExecuteResultAsync(ActionContext context) => this.result.ExecuteAsync(context.HttpContext);
}
