// The Function App on Flex Consumption (.NET 10 isolated) running as its user-assigned identity, with its app settings
// and App Service Authentication (Microsoft Entra ID) in front of every route but the health check.
param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
param blobEndpoint string
param queueEndpoint string
param tableEndpoint string
param archiveContainerName string
param workContainerName string
param staffContainerName string
param deploymentContainerName string
param applicationInsightsConnectionString string
param keyVaultUri string
param linkKeyNamePrefix string
param linkSigningKeyIds array
param activeLinkSigningKeyId string
param publicBaseUrl string
param senderMailboxes array
param entraClientId string
param entraTenantId string
param officeTimeZone string
param pdfSigningKeyId string
param signingCertificateChainPem string
param signingTimestampUrl string

@description('Most instances the app scales out to. Each holds one Durable worker; Exchange Online limits sends per mailbox anyway.')
param maximumInstanceCount int = 40

@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

var baseUrl = empty(publicBaseUrl) ? 'https://${site.properties.defaultHostName}' : publicBaseUrl

// Every setting the app reads (root README, "Configuration"); tests/Circulation.Tests/Hosting holds this list
// against the app's options classes. "__" stands for ":".
var fixedSettings = {
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  Storage__ContainerName: archiveContainerName
  Storage__WorkContainerName: workContainerName
  Links__ActiveKeyId: activeLinkSigningKeyId
  Mail__Transport: 'Graph'
  Mail__FromAddress: senderMailboxes[0]
  Mail__Graph__Credential: 'ManagedIdentity'
  Mail__Graph__ManagedIdentityClientId: identityClientId
  Auth__Mode: 'EasyAuth'
  Auth__RolesFrom: 'AppRoles'
  Staff__Source: 'Blob'
  Staff__Container: staffContainerName
  Office__TimeZone: officeTimeZone
}

// The PDF signature: the HSM key (versioned URI: the version the certificate was issued for), the certificate chain
// issued on a CSR from that key (signer first), and the RFC 3161 timestamp authority.
var signingSettings = {
  Signing__KeyVaultKeyId: pdfSigningKeyId
  Signing__CertificateChainPem: signingCertificateChainPem
  Signing__TimestampUrl: signingTimestampUrl
}

var senderSettings = toObject(range(0, length(senderMailboxes)), i => 'Mail__Graph__Senders__${i}', i => senderMailboxes[i])

// Key Vault references, resolved by the platform with keyVaultReferenceIdentity; the key never appears in settings.
var signingKeySettings = toObject(
  linkSigningKeyIds,
  id => 'Links__SigningKeys__${id}',
  id => '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${linkKeyNamePrefix}${id})'
)

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(fixedSettings, { Links__PublicBaseUrl: baseUrl }, senderSettings, signingKeySettings, signingSettings)
}

// Easy Auth: sign-in with the Entra app registration (ID tokens; no client secret), required everywhere except the
// health probe and the public verification (its page, its API and the static assets the page loads; docs/verification.md). The app reads the signed-in user from X-MS-CLIENT-PRINCIPAL (Auth:Mode=EasyAuth).
resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: [ '/api/health', '/verify', '/api/verify/*', '/assets/*' ]
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [ entraClientId, 'api://${entraClientId}' ]
        }
      }
    }
    login: {
      tokenStore: { enabled: false }
    }
  }
}

output name string = site.name
output uri string = baseUrl
