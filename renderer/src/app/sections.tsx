import {
  IconBook2,
  IconChartBar,
  IconFileImport,
  IconFlag3,
  IconHistory,
  IconLayoutDashboard,
  IconSettings,
  IconTopologyStar3,
  IconUsers,
} from '@tabler/icons-react';
import { lazy, type ComponentType, type ReactNode } from 'react';
import { DashboardPage } from '../features/dashboard/DashboardPage';

/*
 * Sections other than the dashboard load when first opened: the network canvas (WebGL), charts
 * and Excel helpers stay out of the start-up bundle.
 */
const ImportPage = lazy(() => import('../features/import/ImportPage').then((m) => ({ default: m.ImportPage })));
const FindingsPage = lazy(() => import('../features/findings/FindingsPage').then((m) => ({ default: m.FindingsPage })));
const NetworkPage = lazy(() => import('../features/network/NetworkPage').then((m) => ({ default: m.NetworkPage })));
const CampaignsPage = lazy(() => import('../features/campaigns/CampaignsPage').then((m) => ({ default: m.CampaignsPage })));
const ProfilesPage = lazy(() => import('../features/profiles/ProfilesPage').then((m) => ({ default: m.ProfilesPage })));
const ProvisionsPage = lazy(() => import('../features/provisions/ProvisionsPage').then((m) => ({ default: m.ProvisionsPage })));
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));

export interface Section {
  /** Route path (hash routing, so it works from file:// and from the loopback server alike). */
  path: string;
  /** Key under `nav.` in the common namespace. */
  navKey: 'dashboard' | 'import' | 'findings' | 'profiles' | 'network' | 'campaigns' | 'provisions' | 'audit' | 'settings';
  icon: ReactNode;
  component: ComponentType;
}

/** The workstation's sections in navigation order. */
export const SECTIONS: Section[] = [
  { path: '/', navKey: 'dashboard', icon: <IconLayoutDashboard size={18} />, component: DashboardPage },
  { path: '/import', navKey: 'import', icon: <IconFileImport size={18} />, component: ImportPage },
  { path: '/findings', navKey: 'findings', icon: <IconFlag3 size={18} />, component: FindingsPage },
  { path: '/profiles', navKey: 'profiles', icon: <IconUsers size={18} />, component: ProfilesPage },
  { path: '/network', navKey: 'network', icon: <IconTopologyStar3 size={18} />, component: NetworkPage },
  { path: '/campaigns', navKey: 'campaigns', icon: <IconChartBar size={18} />, component: CampaignsPage },
  { path: '/provisions', navKey: 'provisions', icon: <IconBook2 size={18} />, component: ProvisionsPage },
  { path: '/audit', navKey: 'audit', icon: <IconHistory size={18} />, component: AuditPage },
  { path: '/settings', navKey: 'settings', icon: <IconSettings size={18} />, component: SettingsPage },
];
