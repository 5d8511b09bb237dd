/**
 * Builds the whole app from a validated config: one platform stack per environment (projects and state come in
 * their own stacks). The only file besides main.ts that creates the cdktf App.
 */
import { App } from "cdktf";
import type { Config } from "../config/schema";
import { PlatformStack } from "./platform-stack";

export interface BuiltApp {
  readonly app: App;
  /** Stack names in dependency order (deploy in this order, destroy in reverse). */
  readonly stackNames: string[];
}

export function platformStackName(env: string): string {
  return `${env}-platform`;
}

export function buildApp(config: Config, outdir: string): BuiltApp {
  const app = new App({ outdir, skipValidation: false });
  const stackNames: string[] = [];
  for (const environment of config.environments) {
    const name = platformStackName(environment.name);
    new PlatformStack(app, name, { prefix: config.prefix, environment });
    stackNames.push(name);
  }
  return { app, stackNames };
}
