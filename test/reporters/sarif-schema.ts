/**
 * A hand-written subset of the SARIF 2.1.0 JSON schema (OASIS, errata01), covering every
 * object sfaudit emits. No npm package in node_modules ships the official schema and it
 * cannot be downloaded here, so this was written from the published schema text: for each
 * object we emit, every property the spec allows is listed (typed where we use it), with
 * `additionalProperties: false`, the spec's required properties, enums, minimums and
 * the anyOf constraints — so a misspelt or misplaced property fails as it would against
 * the full schema. Objects we never emit (graphs, code flows, fixes, ...) are left open.
 */

const GUID = { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$' };
const INDEX = { type: 'integer', minimum: -1 };
const LEVEL = { enum: ['none', 'note', 'warning', 'error'] };
const STRINGS = { type: 'array', items: { type: 'string' } };
const DATE_TIME = { type: 'string', format: 'date-time' };
const URI = { type: 'string', format: 'uri' };
const ref = (name: string) => ({ $ref: `#/definitions/${name}` });
const arrayOf = (name: string, extra: Record<string, unknown> = {}) => ({ type: 'array', items: ref(name), ...extra });
const OPEN = {};

/** Property names the spec defines for an object, with our typed ones filled in. */
function closed(props: Record<string, unknown>, others: string[], extra: Record<string, unknown> = {}) {
  return {
    type: 'object',
    additionalProperties: false,
    properties: { ...Object.fromEntries(others.map((k) => [k, OPEN])), ...props, properties: ref('propertyBag') },
    ...extra,
  };
}

export const SARIF_SUBSET_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'SARIF 2.1.0 (subset used by sfaudit, hand-written)',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'runs'],
  properties: {
    $schema: URI,
    version: { enum: ['2.1.0'] },
    runs: { type: ['array', 'null'], items: ref('run') },
    inlineExternalProperties: OPEN,
    properties: ref('propertyBag'),
  },
  definitions: {
    propertyBag: { type: 'object', properties: { tags: { type: 'array', uniqueItems: true, items: { type: 'string' } } } },

    message: closed({ text: { type: 'string' }, markdown: { type: 'string' }, id: { type: 'string' }, arguments: STRINGS }, [], {
      anyOf: [{ required: ['text'] }, { required: ['id'] }],
    }),

    multiformatMessageString: closed({ text: { type: 'string' }, markdown: { type: 'string' } }, [], { required: ['text'] }),

    run: closed(
      {
        tool: ref('tool'),
        invocations: arrayOf('invocation'),
        language: { type: 'string', pattern: '^[a-zA-Z]{2}(-[a-zA-Z]{2})?$' },
        originalUriBaseIds: { type: 'object', additionalProperties: ref('artifactLocation') },
        results: arrayOf('result'),
        automationDetails: ref('runAutomationDetails'),
        baselineGuid: GUID,
        columnKind: { enum: ['utf16CodeUnits', 'unicodeCodePoints'] },
        logicalLocations: arrayOf('logicalLocation', { uniqueItems: true }),
      },
      [
        'conversion', 'versionControlProvenance', 'artifacts', 'graphs', 'runAggregates', 'redactionTokens',
        'defaultEncoding', 'defaultSourceLanguage', 'newlineSequences', 'externalPropertyFileReferences',
        'threadFlowLocations', 'taxonomies', 'addresses', 'translations', 'policies', 'webRequests', 'webResponses',
        'specialLocations',
      ],
      { required: ['tool'] },
    ),

    runAutomationDetails: closed({ description: ref('message'), id: { type: 'string' }, guid: GUID, correlationGuid: GUID }, []),

    tool: closed({ driver: ref('toolComponent'), extensions: arrayOf('toolComponent', { uniqueItems: true }) }, [], { required: ['driver'] }),

    toolComponent: closed(
      {
        guid: GUID,
        name: { type: 'string' },
        organization: { type: 'string' },
        product: { type: 'string' },
        fullName: { type: 'string' },
        version: { type: 'string' },
        semanticVersion: { type: 'string' },
        informationUri: URI,
        downloadUri: URI,
        shortDescription: ref('multiformatMessageString'),
        fullDescription: ref('multiformatMessageString'),
        rules: arrayOf('reportingDescriptor', { uniqueItems: true }),
        notifications: arrayOf('reportingDescriptor', { uniqueItems: true }),
        language: { type: 'string', pattern: '^[a-zA-Z]{2}(-[a-zA-Z]{2})?$' },
      },
      [
        'productSuite', 'dottedQuadFileVersion', 'releaseDateUtc', 'globalMessageStrings', 'taxa', 'locations', 'contents',
        'isComprehensive', 'localizedDataSemanticVersion', 'minimumRequiredLocalizedDataSemanticVersion',
        'associatedComponent', 'translationMetadata', 'supportedTaxonomies',
      ],
      { required: ['name'] },
    ),

    reportingDescriptor: closed(
      {
        id: { type: 'string' },
        guid: GUID,
        name: { type: 'string' },
        shortDescription: ref('multiformatMessageString'),
        fullDescription: ref('multiformatMessageString'),
        help: ref('multiformatMessageString'),
        helpUri: URI,
        defaultConfiguration: ref('reportingConfiguration'),
        messageStrings: { type: 'object', additionalProperties: ref('multiformatMessageString') },
      },
      ['deprecatedIds', 'deprecatedGuids', 'deprecatedNames', 'relationships'],
      { required: ['id'] },
    ),

    reportingConfiguration: closed(
      { enabled: { type: 'boolean' }, level: LEVEL, rank: { type: 'number', minimum: -1, maximum: 100 }, parameters: ref('propertyBag') },
      [],
    ),

    reportingDescriptorReference: closed({ id: { type: 'string' }, index: INDEX, guid: GUID }, ['toolComponent'], {
      anyOf: [{ required: ['index'] }, { required: ['guid'] }, { required: ['id'] }],
    }),

    invocation: closed(
      {
        commandLine: { type: 'string' },
        arguments: STRINGS,
        startTimeUtc: DATE_TIME,
        endTimeUtc: DATE_TIME,
        exitCode: { type: 'integer' },
        executionSuccessful: { type: 'boolean' },
        toolExecutionNotifications: arrayOf('notification'),
        toolConfigurationNotifications: arrayOf('notification'),
        workingDirectory: ref('artifactLocation'),
      },
      [
        'responseFiles', 'ruleConfigurationOverrides', 'notificationConfigurationOverrides', 'exitCodeDescription',
        'exitSignalName', 'exitSignalNumber', 'processStartFailureMessage', 'machine', 'account', 'processId',
        'executableLocation', 'environmentVariables', 'stdin', 'stdout', 'stderr', 'stdoutStderr',
      ],
      { required: ['executionSuccessful'] },
    ),

    notification: closed(
      {
        locations: arrayOf('location', { uniqueItems: true }),
        message: ref('message'),
        level: LEVEL,
        timeUtc: DATE_TIME,
        descriptor: ref('reportingDescriptorReference'),
        associatedRule: ref('reportingDescriptorReference'),
      },
      ['threadId', 'exception'],
      { required: ['message'] },
    ),

    result: closed(
      {
        ruleId: { type: 'string' },
        ruleIndex: INDEX,
        rule: ref('reportingDescriptorReference'),
        kind: { enum: ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'] },
        level: LEVEL,
        message: ref('message'),
        analysisTarget: ref('artifactLocation'),
        locations: arrayOf('location'),
        guid: GUID,
        correlationGuid: GUID,
        occurrenceCount: { type: 'integer', minimum: 1 },
        partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } },
        fingerprints: { type: 'object', additionalProperties: { type: 'string' } },
        relatedLocations: arrayOf('location', { uniqueItems: true }),
        baselineState: { enum: ['new', 'unchanged', 'updated', 'absent'] },
        rank: { type: 'number', minimum: -1, maximum: 100 },
        hostedViewerUri: URI,
        workItemUris: { type: 'array', uniqueItems: true, items: URI },
      },
      ['stacks', 'codeFlows', 'graphs', 'graphTraversals', 'suppressions', 'attachments', 'provenance', 'fixes', 'taxa', 'webRequest', 'webResponse'],
      {
        required: ['message'],
        // §3.27.9: a level other than "none" is only allowed on a result whose kind is "fail".
        if: { required: ['kind'], properties: { kind: { not: { const: 'fail' } } } },
        then: { properties: { level: { const: 'none' } } },
      },
    ),

    location: closed(
      {
        id: INDEX,
        physicalLocation: ref('physicalLocation'),
        logicalLocations: arrayOf('logicalLocation', { uniqueItems: true }),
        message: ref('message'),
        annotations: arrayOf('region', { uniqueItems: true }),
      },
      ['relationships'],
    ),

    physicalLocation: closed(
      { artifactLocation: ref('artifactLocation'), region: ref('region'), contextRegion: ref('region') },
      ['address'],
      { anyOf: [{ required: ['address'] }, { required: ['artifactLocation'] }] },
    ),

    artifactLocation: closed(
      { uri: { type: 'string', format: 'uri-reference' }, uriBaseId: { type: 'string' }, index: INDEX, description: ref('message') },
      [],
    ),

    region: closed(
      {
        startLine: { type: 'integer', minimum: 1 },
        startColumn: { type: 'integer', minimum: 1 },
        endLine: { type: 'integer', minimum: 1 },
        endColumn: { type: 'integer', minimum: 1 },
        charOffset: INDEX,
        charLength: { type: 'integer', minimum: 0 },
        byteOffset: INDEX,
        byteLength: { type: 'integer', minimum: 0 },
        message: ref('message'),
        sourceLanguage: { type: 'string' },
      },
      ['snippet'],
      { anyOf: [{ required: ['startLine'] }, { required: ['charOffset'] }, { required: ['byteOffset'] }] },
    ),

    logicalLocation: closed(
      {
        name: { type: 'string' },
        index: INDEX,
        fullyQualifiedName: { type: 'string' },
        decoratedName: { type: 'string' },
        parentIndex: INDEX,
        kind: { type: 'string' },
      },
      [],
    ),
  },
} as const;
