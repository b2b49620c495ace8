// Azure resources for the CPD weeks of action Teams app. Deployed by `teamsapp provision`
// (arm/deploy in teamsapp.yml); the outputs are written back to env/.env.<environment>.
@maxLength(20)
@minLength(4)
@description('Prefix for every resource name, e.g. cpdprod (letters and digits).')
param resourceBaseName string

param location string = resourceGroup().location

@description('The Entra app of the Recordings tab (Teams SSO), created by aadApp/create.')
param tabAppClientId string

@description('Comma-separated tenant ids whose officers may use the tab; this tenant by default.')
param tabAllowedTenants string = tenant().tenantId

param botDisplayName string = 'CPD weeks of action'
param botSku string = 'S1'
param webAppSku string = 'P0v3'
@minValue(1)
param webAppInstanceCount int = 2

@description('graph: invites in Outlook through Microsoft Graph (needs the Exchange RBAC scope, see README); ics: .ics links only.')
@allowed([ 'graph', 'ics', 'auto' ])
param calendarMode string = 'graph'

@description('The catalog file, relative to the deployed app folder.')
param catalogFile string = 'bot/catalog/demo-catalog.yaml'

param postgresSkuName string = 'Standard_B1ms'
param postgresSkuTier string = 'Burstable'
param postgresAdministratorLogin string = 'cpdadmin'
@secure()
@description('Generated on each deployment and stored only in Key Vault; the app reads it through a Key Vault reference.')
param postgresAdministratorPassword string = '${toUpper(newGuid())}-${newGuid()}'

var webAppName = resourceBaseName
var databaseName = 'cpd'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: '${resourceBaseName}-identity'
    location: location
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: resourceBaseName
    location: location
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    name: '${resourceBaseName}-pg'
    location: location
    administratorLogin: postgresAdministratorLogin
    administratorPassword: postgresAdministratorPassword
    databaseName: databaseName
    skuName: postgresSkuName
    skuTier: postgresSkuTier
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    name: '${resourceBaseName}-kv'
    location: location
    readerPrincipalId: identity.outputs.principalId
    databaseUrl: 'postgres://${postgresAdministratorLogin}:${postgresAdministratorPassword}@${postgres.outputs.fqdn}:5432/${postgres.outputs.databaseName}?sslmode=require'
  }
}

// Every setting the server reads (bot/src/config.ts), or a documented reason to leave it out:
// PORT is set by App Service; DATA_DIR is for the embedded database, unused with DATABASE_URL;
// CLOCK_NOW is refused in production; MicrosoftAppPassword, AZURE_CLIENT_SECRET and
// AZURE_CLIENT_CERTIFICATE_PATH do not exist because the app runs as its managed identity.
var publicBaseUrl = 'https://${webAppName}.azurewebsites.net'
var appSettings = {
  NODE_ENV: 'production'
  LOG_LEVEL: 'info'
  REQUEST_TIMEOUT_MS: '30000'
  MicrosoftAppType: 'UserAssignedMSI'
  MicrosoftAppId: identity.outputs.clientId
  MicrosoftAppTenantId: identity.outputs.tenantId
  BOT_OPENID_METADATA_URL: 'https://login.botframework.com/v1/.well-known/openidconfiguration'
  DATABASE_URL: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.databaseUrlSecretUri})'
  CATALOG_FILE: catalogFile
  CALENDAR_MODE: calendarMode
  GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0'
  AZURE_TENANT_ID: identity.outputs.tenantId
  AZURE_CLIENT_ID: identity.outputs.clientId
  PUBLIC_BASE_URL: publicBaseUrl
  TAB_APP_CLIENT_ID: tabAppClientId
  TAB_APP_ID_URI: 'api://${webAppName}.azurewebsites.net/${tabAppClientId}'
  TAB_ALLOWED_TENANTS: tabAllowedTenants
  TAB_AUTH_AUTHORITY_HOST: 'https://login.microsoftonline.com'
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
  // The deploy step uploads a built app (dist/ + production node_modules): no build on the server.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
}

module webApp 'modules/webapp.bicep' = {
  name: 'webApp'
  params: {
    name: webAppName
    location: location
    sku: webAppSku
    instanceCount: webAppInstanceCount
    identityResourceId: identity.outputs.id
    appSettings: appSettings
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: resourceBaseName
    displayName: botDisplayName
    endpoint: 'https://${webApp.outputs.defaultHostName}/api/messages'
    identityResourceId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    identityTenantId: identity.outputs.tenantId
    sku: botSku
  }
}

// Written back to env/.env.<environment> by arm/deploy.
output BOT_ID string = identity.outputs.clientId
output BOT_DOMAIN string = webApp.outputs.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.outputs.defaultHostName}'
output TAB_DOMAIN string = webApp.outputs.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.outputs.defaultHostName}'
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.outputs.id
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_MANAGED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_POSTGRES_SERVER_NAME string = postgres.outputs.serverName
