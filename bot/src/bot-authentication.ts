/**
 * Bot Framework authentication for /api/messages: the public-cloud settings, with the channel's
 * OpenID metadata URL as a setting, and every token rejection an AuthenticationError (a 401).
 */
import {
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  StatusCodes,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
// The same botframework-connector that botbuilder uses (pinned alike), so CloudAdapter's
// `instanceof AuthenticationError` recognises what is thrown here.
import { AuthenticationConstants, AuthenticationError } from 'botframework-connector';
import type { Config } from './config.js';

export function botFrameworkAuthentication(config: Config): ConfigurationBotFrameworkAuthentication {
  return new StrictBotFrameworkAuthentication(botAuthSettings(config));
}

/**
 * Setting any one "parameterized" value (here the OpenID metadata URL) makes botframework-connector
 * take every value from the options and default none, so the other public-cloud values are spelled
 * out here exactly as its built-in public-cloud branch uses them.
 */
export function botAuthSettings(config: Config): ConfigurationBotFrameworkAuthenticationOptions {
  if (!config.bot) return {};
  return {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppType: config.bot.appType,
    ...(config.bot.appPassword ? { MicrosoftAppPassword: config.bot.appPassword } : {}),
    ...(config.bot.tenantId ? { MicrosoftAppTenantId: config.bot.tenantId } : {}),
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: config.bot.openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * botframework-connector lets a bad signature under a known key id escape as a plain
 * JsonWebTokenError, which would be a 500. A token that fails verification is the caller's fault:
 * an AuthenticationError, which the server answers with a bare 401, keeping the reason for its log.
 */
class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string) {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError(error instanceof Error ? error.message : 'Unauthorized Access. Request is not authorized', StatusCodes.UNAUTHORIZED);
    }
  }
}
