/** Pointing a config at the emulator: the schema's own rules hold for the result (no moto needed). */
import { onEmulator } from "../../tooling/harness/emulator-run";
import { configWith } from "../helpers/synth";

const ENDPOINT = "http://127.0.0.1:5999";
const hcp = () => configWith({ backend: { type: "cloud", organization: "acme" } });

test("every environment points at the emulator; nothing else changes unless asked", () => {
  const config = configWith();
  const pointed = onEmulator(config, ENDPOINT);
  expect(pointed.environments.map((e) => e.emulator?.endpoint)).toEqual([ENDPOINT]);
  expect(pointed.environments[0].backend).toEqual(config.environments[0].backend);
  expect(pointed.environments[0].dataProtection).toEqual(config.environments[0].dataProtection);
  const local = onEmulator(config, ENDPOINT, { localState: true, dropDataOnDestroy: true });
  expect(local.environments[0].backend.type).toBe("local");
  expect(local.environments[0].dataProtection.bucketsOnDestroy).toBe("delete-with-data");
});

test("an environment on HCP Terraform is refused by the schema's rule, naming the field; with local state it runs", () => {
  expect(() => onEmulator(hcp(), ENDPOINT)).toThrow(/environments\[0\]\.backend\.type: the emulator runs on this machine and HCP Terraform cannot reach it/);
  expect(onEmulator(hcp(), ENDPOINT, { localState: true }).environments[0].backend.type).toBe("local");
});
