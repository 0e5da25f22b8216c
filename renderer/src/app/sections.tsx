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
import type { ComponentType, ReactNode } from 'react';
import { AuditPage } from '../features/audit/AuditPage';
import { CampaignsPage } from '../features/campaigns/CampaignsPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { ImportPage } from '../features/import/ImportPage';
import { NetworkPage } from '../features/network/NetworkPage';
import { ProvisionsPage } from '../features/provisions/ProvisionsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SectionEmptyState } from '../features/dashboard/SectionEmptyState';

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
  { path: '/findings', navKey: 'findings', icon: <IconFlag3 size={18} />, component: () => <SectionEmptyState section="findings" /> },
  { path: '/profiles', navKey: 'profiles', icon: <IconUsers size={18} />, component: () => <SectionEmptyState section="profiles" /> },
  { path: '/network', navKey: 'network', icon: <IconTopologyStar3 size={18} />, component: NetworkPage },
  { path: '/campaigns', navKey: 'campaigns', icon: <IconChartBar size={18} />, component: CampaignsPage },
  { path: '/provisions', navKey: 'provisions', icon: <IconBook2 size={18} />, component: ProvisionsPage },
  { path: '/audit', navKey: 'audit', icon: <IconHistory size={18} />, component: AuditPage },
  { path: '/settings', navKey: 'settings', icon: <IconSettings size={18} />, component: SettingsPage },
];
