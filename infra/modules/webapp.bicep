// Linux App Service for the Node server: /api/messages, the Recordings tab and its API.
param name string
param location string
param sku string
param instanceCount int
param identityResourceId string
@description('Name → value; Key Vault references are plain values of the form @Microsoft.KeyVault(...).')
param appSettings object

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: sku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: name
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve as the user-assigned identity (there is no system identity).
    keyVaultReferenceIdentity: identityResourceId
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node --no-deprecation dist/bot/src/index.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      appSettings: [for setting in items(appSettings): {
        name: setting.key
        value: setting.value
      }]
    }
  }
}

output id string = site.id
output defaultHostName string = site.properties.defaultHostName
