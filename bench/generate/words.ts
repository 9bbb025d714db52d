/**
 * Vocabulary for names and labels, so the generated org reads like a real one
 * (and so label lookups, which rules rely on, see varied text rather than X_001).
 */
export const OBJECT_FIRST = [
  'Asset', 'Billing', 'Budget', 'Campaign', 'Carrier', 'Claim', 'Compliance', 'Contract', 'Credit', 'Customer',
  'Delivery', 'Device', 'Engagement', 'Event', 'Expense', 'Facility', 'Field', 'Fleet', 'Grant', 'Incident',
  'Inventory', 'Invoice', 'License', 'Loan', 'Maintenance', 'Member', 'Order', 'Partner', 'Payment', 'Policy',
  'Price', 'Product', 'Project', 'Quality', 'Region', 'Renewal', 'Risk', 'Route', 'Service', 'Shipment',
  'Site', 'Subscription', 'Supplier', 'Survey', 'Territory', 'Training', 'Vehicle', 'Vendor', 'Warranty', 'Work',
] as const;

export const OBJECT_SECOND = [
  'Application', 'Approval', 'Assignment', 'Audit', 'Booking', 'Case', 'Change', 'Checklist', 'Commitment', 'Contact',
  'Detail', 'Entry', 'Estimate', 'Forecast', 'Health', 'Item', 'Line', 'Log', 'Milestone', 'Note',
  'Plan', 'Program', 'Rate', 'Record', 'Request', 'Review', 'Schedule', 'Score', 'Segment', 'Task',
] as const;

export const FIELD_WORDS = [
  'Account Manager', 'Amount Due', 'Approval Status', 'Approved On', 'Billing Code', 'Budget Owner', 'Category',
  'Close Reason', 'Comments', 'Contract Value', 'Cost Center', 'Country', 'Currency Rate', 'Customer Tier',
  'Days Open', 'Delivery Date', 'Department', 'Discount', 'Due Date', 'End Date', 'Escalated', 'External Id',
  'Forecast Category', 'Health Score', 'Invoice Number', 'Is Active', 'Last Review', 'Legal Entity', 'Margin',
  'Next Action', 'Notes Summary', 'Owner Region', 'Phase', 'Portal Link', 'Priority', 'Quantity', 'Reference',
  'Renewal Date', 'Risk Level', 'Score', 'Source', 'Stage', 'Start Date', 'Status', 'Support Email',
  'Support Phone', 'Target Date', 'Total Cost', 'Tracking URL', 'Type', 'Weight',
] as const;

export const PROFILE_ROLES = [
  'Sales Rep', 'Sales Manager', 'Support Agent', 'Support Manager', 'Marketing User', 'Finance User',
  'Partner User', 'Read Only', 'Contract Manager', 'Solution Manager', 'Integration User', 'Analyst',
] as const;

export const PROFILE_REGIONS = [
  'EMEA', 'APAC', 'NA', 'LATAM', 'ANZ', 'DACH', 'Nordics', 'UKI', 'France', 'Iberia', 'Japan', 'India',
] as const;

export const PROFILE_EXTRAS = ['Marketing Operations', 'Customer Community User', 'Partner Community User', 'Chatter Free User'] as const;

export const APP_WORDS = [
  'Service Console', 'Field Service', 'Partner Hub', 'Finance Desk', 'Renewals', 'Onboarding', 'Compliance Center',
  'Fleet Operations', 'Procurement', 'Project Tracker', 'Quality Control', 'Territory Planning', 'Training Portal',
  'Vendor Management', 'Warranty Claims', 'Asset Tracker', 'Billing Desk', 'Customer Success', 'Events',
  'Grants', 'Incident Response', 'Inventory', 'Logistics', 'Maintenance', 'Member Services', 'Order Desk',
  'Pricing', 'Risk Review', 'Subscriptions', 'Surveys', 'Supplier Portal', 'Workforce',
] as const;

export const USER_PERMISSIONS = [
  'ActivateContract', 'ActivateOrder', 'AllowUniversalSearch', 'AllowViewKnowledge', 'ApiEnabled', 'AssignPermissionSets',
  'AssignTopics', 'BulkApiHardDelete', 'CanUseNewDashboardBuilder', 'ChatterEditOwnPost', 'ChatterFileLink',
  'ChatterInternalUser', 'ChatterInviteExternalUsers', 'ChatterOwnGroups', 'ConnectOrgToEnvironmentHub', 'ConsentApiUpdate',
  'ContentAdministrator', 'ContentWorkspaces', 'ConvertLeads', 'CreateCustomizeDashboards', 'CreateCustomizeFilters',
  'CreateCustomizeReports', 'CreateDashboardFolders', 'CreateLtngTempFolder', 'CreateReportFolders', 'CreateTopics',
  'CustomizeApplication', 'DataExport', 'DelegatedTwoFactor', 'DeleteActivatedContract', 'DeleteTopics',
  'DistributeFromPersWksp', 'EditActivatedOrders', 'EditBrandTemplates', 'EditCaseComments', 'EditEvent',
  'EditHtmlTemplates', 'EditKnowledge', 'EditMyDashboards', 'EditMyReports', 'EditOppLineItemUnitPrice',
  'EditPublicDocuments', 'EditPublicFilters', 'EditPublicTemplates', 'EditReadonlyFields', 'EditTask', 'EditTopics',
  'EmailAdministration', 'EmailMass', 'EmailSingle', 'EnableCommunityAppLauncher', 'EnableNotifications',
  'ExportReport', 'FieldServiceAccess', 'GiveRecognitionBadge', 'ImportCustomObjects', 'ImportLeads',
  'ImportPersonal', 'InstallPackaging', 'LightningConsoleAllowedForUser', 'LightningExperienceUser',
  'ListEmailSend', 'ManageAnalyticSnapshots', 'ManageAuthProviders', 'ManageBusinessHourHolidays', 'ManageCallCenters',
  'ManageCases', 'ManageCategories', 'ManageCertificates', 'ManageContentPermissions', 'ManageContentProperties',
  'ManageContentTypes', 'ManageCssUsers', 'ManageCustomPermissions', 'ManageCustomReportTypes', 'ManageDashbdsInPubFolders',
  'ManageDataCategories', 'ManageDataIntegrations', 'ManageDynamicDashboards', 'ManageEmailClientConfig',
  'ManageEncryptionKeys', 'ManageExchangeConfig', 'ManageHealthCheck', 'ManageHubConnections', 'ManageInteraction',
  'ManageInternalUsers', 'ManageIpAddresses', 'ManageKnowledge', 'ManageKnowledgeImportExport', 'ManageLeads',
  'ManageLoginAccessPolicies', 'ManageMobile', 'ManageNetworks', 'ManagePasswordPolicies', 'ManageProfilesPermissionsets',
  'ManagePropositions', 'ManagePvtRptsAndDashbds', 'ManageRecommendationStrategies', 'ManageRemoteAccess',
  'ManageReportsInPubFolders', 'ManageRoles', 'ManageSandboxes', 'ManageSearchPromotionRules', 'ManageSessionPermissionSets',
  'ManageSharing', 'ManageSolutions', 'ManageSubscriptions', 'ManageSynonyms', 'ManageTranslation', 'ManageTwoFactor',
  'ManageUnlistedGroups', 'ManageUsers', 'MassInlineEdit', 'MergeTopics', 'ModerateChatter', 'ModifyAllData',
  'ModifyDataClassification', 'ModifyMetadata', 'NewReportBuilder', 'OverrideForecasts', 'Packaging2',
  'PasswordNeverExpires', 'PreventClassicExperience', 'PrivacyDataAccess', 'PublishPackaging', 'RemoveDirectMessageMembers',
  'ResetPasswords', 'RunFlow', 'RunReports', 'ScheduleJob', 'ScheduleReports', 'SelectFilesFromSalesforce',
  'SendAnnouncementEmails', 'SendSitRequests', 'ShareInternalArticles', 'ShowCompanyNameAsUserBadge', 'SolutionImport',
  'SubmitMacrosAllowed', 'SubscribeDashboardRolesGrps', 'SubscribeDashboardToOtherUsers', 'SubscribeReportRolesGrps',
  'SubscribeReportToOtherUsers', 'SubscribeReportsRunAsUser', 'SubscribeToLightningDashboards', 'SubscribeToLightningReports',
  'TransactionalEmailSend', 'TransferAnyCase', 'TransferAnyEntity', 'TransferAnyLead', 'UseTeamReassignWizards',
  'UseWebLink', 'ViewAllData', 'ViewAllProfiles', 'ViewAllUsers', 'ViewDataAssessment', 'ViewDataCategories',
  'ViewDataLeakageEvents', 'ViewDeveloperName', 'ViewEncryptedData', 'ViewEventLogFiles', 'ViewFlowUsageAndFlowEventData',
  'ViewHealthCheck', 'ViewHelpLink', 'ViewMLModels', 'ViewMyTeamsDashboards', 'ViewPlatformEvents', 'ViewPublicDashboards',
  'ViewPublicReports', 'ViewRoles', 'ViewSetup', 'ViewTrustMeasures', 'ViewUserPII',
] as const;

export const APEX_CLASSES = [
  'AccountTriggerHandler', 'BatchRenewals', 'CaseRouter', 'ContactMerge', 'CurrencyService', 'DeliveryScheduler',
  'EmailParser', 'FleetSync', 'ForecastJob', 'InvoiceGenerator', 'LeadScoring', 'LicenseChecker', 'MilestoneTimer',
  'OpportunitySplitter', 'OrderValidator', 'PartnerShare', 'PaymentGateway', 'PriceCalculator', 'QuoteBuilder',
  'RenewalNotifier', 'RiskEngine', 'RouteOptimizer', 'ShipmentTracker', 'SlaMonitor', 'SurveyCollector',
  'TerritoryAssigner', 'TrainingEnroller', 'VendorOnboarding', 'WarrantyService', 'WorkOrderPlanner',
] as const;
