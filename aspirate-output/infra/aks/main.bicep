// Azure side of the AKS overlay: an AKS cluster with OIDC issuer and workload identity, a Key Vault using
// Azure RBAC, a user-assigned identity federated with the `authapp` service account (it reads the vault
// through the Secrets Store CSI driver), and an ACR the cluster's kubelet identity may pull from.
// Deploy: az deployment group create -g <rg> -f main.bicep -p acrName=<globally unique name>

@description('Location of every resource.')
param location string = resourceGroup().location

@description('AKS cluster name.')
param clusterName string = 'authapp-aks'

@description('Container registry name (globally unique, letters and digits).')
@minLength(5)
@maxLength(50)
param acrName string

@description('Key Vault name (globally unique).')
@maxLength(24)
param keyVaultName string = 'kv-authapp-${uniqueString(resourceGroup().id)}'

@description('Namespace and service account the workloads run as (generate --namespace).')
param kubernetesNamespace string = 'authapp'
param serviceAccountName string = 'authapp'

@description('Node VM size and count.')
param nodeVmSize string = 'Standard_D2s_v5'
param nodeCount int = 2

var keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'
var acrPullRole = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: clusterName
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: clusterName
    enableRBAC: true
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: nodeCount
        vmSize: nodeVmSize
        osType: 'Linux'
        osSKU: 'AzureLinux'
      }
    ]
    networkProfile: {
      networkPlugin: 'azure'
      networkPolicy: 'azure'
    }
    oidcIssuerProfile: {
      enabled: true
    }
    securityProfile: {
      workloadIdentity: {
        enabled: true
      }
    }
    addonProfiles: {
      azureKeyvaultSecretsProvider: {
        enabled: true
        config: {
          enableSecretRotation: 'true'
          // How often the driver re-reads the vault: a rotated secret reaches the pods' files within this (decision 0094).
          rotationPollInterval: '2m'
        }
      }
    }
    ingressProfile: {
      webAppRouting: {
        enabled: true
      }
    }
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: acrName
  location: location
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: false
  }
}

resource workloadIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-authapp-workload'
  location: location
}

resource federatedCredential 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: workloadIdentity
  name: 'authapp-service-account'
  properties: {
    issuer: aks.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:${kubernetesNamespace}:${serviceAccountName}'
    audiences: [
      'api://AzureADTokenExchange'
    ]
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, workloadIdentity.id, keyVaultSecretsUserRole)
  scope: keyVault
  properties: {
    principalId: workloadIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRole)
  }
}

resource kubeletAcrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(acr.id, aks.id, acrPullRole)
  scope: acr
  properties: {
    principalId: aks.properties.identityProfile.kubeletidentity.objectId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRole)
  }
}

@description('ACR_NAME for the overlay.')
output ACR_NAME string = acr.name

@description('KEYVAULT_NAME for the overlay.')
output KEYVAULT_NAME string = keyVault.name

@description('AZURE_TENANT_ID for the overlay.')
output AZURE_TENANT_ID string = subscription().tenantId

@description('WORKLOAD_IDENTITY_CLIENT_ID for the overlay.')
output WORKLOAD_IDENTITY_CLIENT_ID string = workloadIdentity.properties.clientId

@description('The cluster name, for az aks get-credentials.')
output clusterName string = aks.name
