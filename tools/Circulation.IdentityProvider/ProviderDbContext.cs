using Microsoft.EntityFrameworkCore;

namespace Circulation.IdentityProvider;

/// <summary>OpenIddict's applications, authorizations and tokens, in memory (gone when the process stops).</summary>
internal sealed class ProviderDbContext(DbContextOptions<ProviderDbContext> options) : DbContext(options);
