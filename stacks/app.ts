/**
 * Builds the whole app from a validated config: one platform stack per environment (projects and state come in
 * their own stacks). The only file besides main.ts that creates the cdktf App.
 */
import { App } from "cdktf";
import type { Config } from "../config/schema";
import { PlatformStack } from "./platform-stack";
import { ProjectStack } from "./project-stack";

export interface BuiltApp {
  readonly app: App;
  /** Stack names in dependency order (deploy in this order, destroy in reverse). */
  readonly stackNames: string[];
}

export function platformStackName(env: string): string {
  return `${env}-platform`;
}

export function projectStackName(env: string, project: string): string {
  return `${env}-project-${project}`;
}

export function buildApp(config: Config, outdir: string): BuiltApp {
  const app = new App({ outdir, skipValidation: false });
  const stackNames: string[] = [];
  for (const environment of config.environments) {
    const name = platformStackName(environment.name);
    const platform = new PlatformStack(app, name, { prefix: config.prefix, environment });
    stackNames.push(name);
    for (const project of environment.projects) {
      const projectName = projectStackName(environment.name, project.name);
      new ProjectStack(app, projectName, { prefix: config.prefix, environment, project, platform });
      stackNames.push(projectName);
    }
  }
  return { app, stackNames };
}
