// The storage account: the Durable Functions task hub (queues, tables, blobs), the write-once letter archive, the
// working state the app withdraws by deleting, the staff directory and the deployment package. No shared keys:
// every client authenticates with Entra ID (the app with its managed identity).
param name string
param location string
param tags object

@minValue(1)
@maxValue(146000)
@description('Days each archived blob version stays write-once.')
param archiveRetentionDays int

param deploymentContainerName string

@description('Days a replaced or deleted blob version outside the archive is kept before it is removed.')
param previousVersionDays int = 7

var archiveContainerName = 'letters'
var workContainerName = 'work'
var staffContainerName = 'staff'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    // Version-level immutability needs versioning on the whole account.
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: 7 }
    containerDeleteRetentionPolicy: { enabled: true, days: 7 }
  }
}

// The archive: every blob version is write-once for archiveRetentionDays from its creation. The app only ever creates
// blobs here (create-only), never overwrites or deletes them.
resource archive 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: archiveContainerName
  properties: {
    publicAccess: 'None'
    immutableStorageWithVersioning: { enabled: true }
  }
}

resource archivePolicy 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = {
  parent: archive
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: archiveRetentionDays
    allowProtectedAppendWrites: false
  }
}

// Link-use claims, submission records and uploaded documents: state the app withdraws by deleting it, never under WORM.
resource work 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: workContainerName
  properties: { publicAccess: 'None' }
}

// The staff directory (staff.json) and the signature images it names.
resource staff 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: staffContainerName
  properties: { publicAccess: 'None' }
}

resource deployment 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

// Versioning is on for the archive's sake; elsewhere (working state, task hub leases and large messages, packages)
// old versions are only cost, so they are removed after a few days. The archive has no rule: its versions stay.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'remove-previous-versions-outside-the-archive'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [ 'blockBlob' ]
              prefixMatch: [ '${workContainerName}/', '${staffContainerName}/', 'circulationhub', 'azure-webjobs', '${deploymentContainerName}/' ]
            }
            actions: {
              version: {
                delete: { daysAfterCreationGreaterThan: previousVersionDays }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [ blobService ]
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output archiveContainerName string = archive.name
output workContainerName string = work.name
output staffContainerName string = staff.name
