using System.Reflection;
using Circulation.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Circulation.Tests.Shells;

/// <summary>
/// Builds (without starting) a web application, applies the local host's endpoint mapping to it and compares the
/// endpoints it produces with the route catalog: same names, one method each, same path.
/// </summary>
public sealed class LocalHostRouteTests
{
    [Fact]
    public async Task MapCirculationEndpoints_MapsEveryCatalogRouteWithItsMethodAndPathAndNothingElse()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // The endpoints take a DurableTaskClient from services; mapping only needs to know it is a service.
        builder.Services.AddSingleton<DurableTaskClient>(_ => throw new InvalidOperationException("Not used while mapping."));
        await using var app = builder.Build();

        var mapping = Assembly.Load("Circulation.LocalHost").GetType("Circulation.LocalHost.CirculationEndpointMapping", throwOnError: true)!
            .GetMethod("MapCirculationEndpoints", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
        mapping.Invoke(null, [app]);

        var mapped = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(e => (
                Name: e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
                Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [],
                Path: e.RoutePattern.RawText))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToList();

        var expected = CirculationRoutes.All
            .Select(r => (Name: (string?)r.Name, Method: r.Method.ToUpperInvariant(), Path: "/" + r.Template))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected.Select(e => e.Name), mapped.Select(e => e.Name));
        foreach (var (want, got) in expected.Zip(mapped))
        {
            Assert.Equal([want.Method], got.Methods.Select(m => m.ToUpperInvariant()));
            Assert.Equal(want.Path, got.Path);
        }
    }
}
