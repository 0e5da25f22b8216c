import { Route, Switch } from 'wouter';
import { AccountPage } from './AccountPage';
import { SearchPage } from './SearchPage';
import { SubjectPage } from './SubjectPage';

/** The router has already decoded the path once (decodeURI); what remains is component-encoded. */
function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** `/profiles` (search), `/profiles/account/:filingId/:accountId`, `/profiles/subject/:identityKey`. */
export function ProfilesPage() {
  return (
    <Switch>
      <Route path="/account/:filingId/:accountId">
        {(params) => <AccountPage filingId={Number(params.filingId)} accountId={decodeParam(params.accountId)} />}
      </Route>
      <Route path="/subject/:identityKey">{(params) => <SubjectPage identityKey={decodeParam(params.identityKey)} />}</Route>
      <Route component={SearchPage} />
    </Switch>
  );
}
