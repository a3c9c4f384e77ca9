// Circulation in Azure: one resource group holding the Functions app (Flex Consumption, .NET 10 isolated) with its
// user-assigned identity, the storage account (task hub, write-once letter archive, working state, staff directory),
// Key Vault Premium (link-signing keys, the HSM key that signs the PDFs), and Application Insights over a Log Analytics
// workspace. Deployed by `azd up`.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names every resource and tags the resource group.')
param environmentName string

@minLength(1)
@description('Region of every resource; it must offer Flex Consumption.')
@metadata({ azd: { type: 'location' } })
param location string

@minLength(3)
@description('The mailboxes letters are sent from, comma-separated (e.g. "pga.circulation@un.org"). Graph Mail.Send is scoped to these in Exchange Online (README).')
param senderMailboxes string

@minLength(36)
@maxLength(36)
@description('Application (client) id of the Entra app registration users sign in with (README, "The Entra app registration").')
param entraClientId string

@minLength(36)
@maxLength(36)
@description('Directory (tenant) id of that app registration.')
param entraTenantId string

@description('IANA time zone of the Office (letter dates, "today").')
param officeTimeZone string = 'America/New_York'

@description('Days every archived version stays write-once (WORM). Whole days, 1 to 146000.')
param archiveRetentionDays string = '3650'

@secure()
@minLength(44)
@description('The current link-signing key: base64 of 32 or more random bytes. The preprovision hook generates it once per environment.')
param linkSigningKey string

@minLength(1)
@description('Id of the current link-signing key (Links:ActiveKeyId); its Key Vault secret is link-signing-key-<id>.')
param linkSigningKeyId string = 'k1'

@description('Ids of earlier link-signing keys that must keep verifying links already sent, comma-separated; their secrets stay in Key Vault.')
param linkPreviousKeyIds string = ''

@description('Base of the links in e-mails, e.g. a custom domain. Empty: the Function App\'s own https://<name>.azurewebsites.net.')
param publicBaseUrl string = ''

@description('The certificate chain (PEM, signer first, then the issuing CAs) issued on a CSR made from the Key Vault key pdf-signing-key (docs/signature-failures.md). Empty until it is issued: letters then wait in "Signature failed".')
param signingCertificateChainPem string = ''

@minLength(1)
@description('URL of the RFC 3161 timestamp authority that stamps each signature; choose one that Adobe\'s AATL trusts.')
param signingTimestampUrl string = 'http://timestamp.digicert.com'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-circulation-${resourceToken}'
var deploymentContainerName = 'app-package-${resourceToken}'
var senders = filter(map(split(senderMailboxes, ','), s => trim(s)), s => !empty(s))
var previousKeyIds = filter(map(split(linkPreviousKeyIds, ','), s => trim(s)), s => !empty(s) && s != linkSigningKeyId)

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-circulation-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'core/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-circulation-${resourceToken}'
    applicationInsightsName: 'appi-circulation-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'core/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'stcirc${resourceToken}'
    location: location
    tags: tags
    archiveRetentionDays: int(archiveRetentionDays)
    deploymentContainerName: deploymentContainerName
  }
}

module keyVault 'core/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-circ-${resourceToken}'
    location: location
    tags: tags
    linkSigningKeyId: linkSigningKeyId
    linkSigningKey: linkSigningKey
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-circulation-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    archiveContainerName: storage.outputs.archiveContainerName
    workContainerName: storage.outputs.workContainerName
    staffContainerName: storage.outputs.staffContainerName
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultUri: keyVault.outputs.uri
    linkKeyNamePrefix: keyVault.outputs.linkKeyNamePrefix
    linkSigningKeyIds: concat([linkSigningKeyId], previousKeyIds)
    activeLinkSigningKeyId: linkSigningKeyId
    publicBaseUrl: publicBaseUrl
    senderMailboxes: senders
    entraClientId: entraClientId
    entraTenantId: entraTenantId
    officeTimeZone: officeTimeZone
    pdfSigningKeyId: keyVault.outputs.pdfSigningKeyId
    signingCertificateChainPem: signingCertificateChainPem
    signingTimestampUrl: signingTimestampUrl
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    pdfSigningKeyName: keyVault.outputs.pdfSigningKeyName
    applicationInsightsName: monitoring.outputs.name
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output STAFF_CONTAINER_NAME string = storage.outputs.staffContainerName
