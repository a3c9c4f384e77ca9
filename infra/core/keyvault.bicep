// Key Vault Premium (RBAC, purge-protected) holding the link-signing keys and the HSM-protected key that signs the
// letters' PDFs (PAdES). The signing key never leaves the HSM: it is created here, not imported, and cannot be exported.
param name string
param location string
param tags object
param linkSigningKeyId string

@secure()
param linkSigningKey string

@description('Name of the HSM key that signs the letters\' PDFs; its certificate is issued on a CSR made from this key.')
param pdfSigningKeyName string = 'pdf-signing-key'

@allowed([ 2048, 3072 ])
@description('RSA size of the PDF signing key.')
param pdfSigningKeySize int = 3072

var linkKeyNamePrefix = 'link-signing-key-'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    // Premium: HSM-protected keys (RSA-HSM) for the PDF signature.
    sku: { family: 'A', name: 'premium' }
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

// Created if it does not exist; a later deployment neither rotates nor changes it (Key Vault's "create if not exist"),
// so the certificate issued for it stays valid. Sign only: the app never decrypts, wraps or verifies with it.
resource pdfSigningKey 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: vault
  name: pdfSigningKeyName
  tags: tags
  properties: {
    kty: 'RSA-HSM'
    keySize: pdfSigningKeySize
    keyOps: [ 'sign' ]
    attributes: {
      enabled: true
      exportable: false
    }
  }
}

output name string = vault.name
output pdfSigningKeyName string = pdfSigningKey.name
// The version the certificate chain was issued for: a new key version would need a new certificate.
output pdfSigningKeyId string = pdfSigningKey.properties.keyUriWithVersion
output uri string = vault.properties.vaultUri
output linkKeyNamePrefix string = linkKeyNamePrefix
