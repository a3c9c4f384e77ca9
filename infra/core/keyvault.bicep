// Key Vault (RBAC, purge-protected) holding the link-signing keys; later the PDF signing certificate.
param name string
param location string
param tags object
param linkSigningKeyId string

@secure()
param linkSigningKey string

var linkKeyNamePrefix = 'link-signing-key-'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

// Only the current key is written here; earlier keys stay in the vault as they are until they are removed (README).
resource currentKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: '${linkKeyNamePrefix}${linkSigningKeyId}'
  properties: {
    value: linkSigningKey
    contentType: 'base64 HMAC-SHA256 key for approval and signature links'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
output linkKeyNamePrefix string = linkKeyNamePrefix
