import { ALL_PLATFORMS, type CatalogEntry } from './entry';

export const INV_CONTROLS: CatalogEntry[] = [
  {
    id: 'RED-INV-001',
    title: 'Instance identified and classified',
    platforms: ALL_PLATFORMS,
    severity: 'medium',
    why: '002 step 2: "give your Redis instance a useful name and description"; 000: PHI instances in "a dedicated high-sensitivity zone", logs tagged "with environment and instance identity". Classification decides which DATA controls run and feeds NET-006.',
    passes: 'Environment and data classification both resolved (tag keys per `environmentTagKeys` / `classificationTagKeys`, case-insensitive, or an app-side override). A missing description, or one equal to the id, is reported as advisory and does not fail.',
    fix: {
      ec: '`aws elasticache add-tags-to-resource --resource-name <arn> --tags Key=Environment,Value=production Key=DataClassification,Value=PHI`',
      ecs: '`aws elasticache add-tags-to-resource --resource-name <arn> --tags Key=Environment,Value=production Key=DataClassification,Value=PHI`',
      ms: '`gcloud redis instances update <id> --region=<r> --update-labels=env=prod,data-class=phi`',
      self: 'Set both fields (environment, data classification) on the instance page.',
    },
    notApplicable: {},
    thresholds: ['environmentTagKeys', 'classificationTagKeys'],
  },
  {
    id: 'RED-INV-002',
    title: 'Assessment evidence is fresh',
    platforms: ALL_PLATFORMS,
    severity: 'high',
    why: '002 wrap-up: compliance needs "proof in the form of a digital papertrail"; 000: "keep evidence ready for audits". A stale pass hides drift.',
    passes: 'The latest snapshot that completed is younger than `assessmentMaxAgeHours` (48). An instance never assessed fails.',
    fix: {
      all: 'Repair the failing source shown on the connections page (credentials, role trust, region list, network path), then scan again.',
    },
    notApplicable: {},
    thresholds: ['assessmentMaxAgeHours'],
  },
];
