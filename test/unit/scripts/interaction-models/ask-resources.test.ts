import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../../src/config/config';

/** `ask deploy` reads this file; a wrong path or runtime only shows up at deploy time otherwise. */
describe('ask-resources.json (ASK CLI v2)', () => {
  const resources = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'ask-resources.json'), 'utf8'));
  const profile = resources.profiles.default;

  it('uses the v2 resources format', () => {
    expect(resources.askcliResourcesVersion).toBe('2020-03-31');
  });

  it('deploys the generated skill package', () => {
    expect(profile.skillMetadata.src).toBe('./skill-package');
    expect(fs.existsSync(path.join(PROJECT_ROOT, profile.skillMetadata.src, 'skill.json'))).toBe(true);
    expect(fs.existsSync(path.join(PROJECT_ROOT, profile.skillMetadata.src, 'interactionModels', 'custom', 'en-US.json'))).toBe(true);
  });

  it('deploys the bundled Lambda with the lambda deployer on Node 22', () => {
    expect(profile.code.default.src).toBe('./lambda/dist');
    expect(profile.skillInfrastructure.type).toBe('@ask-cli/lambda-deployer');
    expect(profile.skillInfrastructure.userConfig).toEqual(expect.objectContaining({ runtime: 'nodejs22.x', handler: 'index.handler' }));
  });

  it('keeps deploy state out of the committed file', () => {
    // The CLI writes skill ids and hashes to .ask/ask-states.json; they must not be committed here.
    expect(JSON.stringify(resources)).not.toMatch(/skillId|lastDeployHash|deployState/);
  });
});
