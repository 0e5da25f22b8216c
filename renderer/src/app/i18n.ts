import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { auditEn, auditZh } from '../features/audit/i18n';
import { campaignsEn, campaignsZh } from '../features/campaigns/i18n';
import { dashboardEn, dashboardZh } from '../features/dashboard/i18n';
import { findingsEn, findingsZh } from '../features/findings/i18n';
import { importEn, importZh } from '../features/import/i18n';
import { networkEn, networkZh } from '../features/network/i18n';
import { profilesEn, profilesZh } from '../features/profiles/i18n';
import { provisionsEn, provisionsZh } from '../features/provisions/i18n';
import { settingsEn, settingsZh } from '../features/settings/i18n';
import { commonEn, commonZh } from './locales/common';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'filing-inspector-language';

/** Namespaces: the shell's and one per feature, registered here statically. */
const resources = {
  'zh-CN': { common: commonZh, audit: auditZh, campaigns: campaignsZh, dashboard: dashboardZh, findings: findingsZh, import: importZh, network: networkZh, profiles: profilesZh, provisions: provisionsZh, settings: settingsZh },
  en: { common: commonEn, audit: auditEn, campaigns: campaignsEn, dashboard: dashboardEn, findings: findingsEn, import: importEn, network: networkEn, profiles: profilesEn, provisions: provisionsEn, settings: settingsEn },
};

export function storedLanguage(): Language {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return stored === 'en' ? 'en' : 'zh-CN';
}

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

export default i18n;
