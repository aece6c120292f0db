package onyx

import "time"

// The background sync. On the real server a Celery beat task finds stale groups every 20 s, syncs
// their documents and then marks them up to date, or removes the rows of groups up for deletion.
// Here a stale group carries the time its sync completes, and every request first applies the syncs
// that are due, so a test sees the same sequence at a speed it chooses.

// settle applies every background sync that is due. Needs the lock held.
func (s *Server) settle() {
	now := s.Now()
	s.completeSyncs(func(g *group) bool { return !now.Before(g.dueAt) })
}

// settleAll completes every pending sync at once (the /__mock/onyx/sync hook). Needs the lock held.
func (s *Server) settleAll() int { return s.completeSyncs(func(*group) bool { return true }) }

// completeSyncs completes the pending syncs for which due is true: the group is up to date, or gone
// when it was up for deletion. It returns how many it completed. It visits only the groups with a sync
// pending (store.pending), so a request costs the same however many groups there are.
func (s *Server) completeSyncs(due func(*group) bool) int {
	n := 0
	for id := range s.st.pending {
		g := s.st.groups.Get(id)
		if g == nil || g.upToDate {
			delete(s.st.pending, id)
			continue
		}
		if !due(g) {
			continue
		}
		n++
		delete(s.st.pending, id)
		if g.deleting {
			s.st.groups.Delete(id)
			continue
		}
		g.upToDate = true
	}
	return n
}

// startSync makes g stale until at.
func (s *Server) startSync(g *group, at time.Time) {
	g.upToDate, g.dueAt = false, at
	s.st.pending[g.id] = true
}

// markStale starts a background sync of g. Without a sync (negative delay) the group stays up to
// date, which is what DISABLE_VECTOR_DB does.
func (s *Server) markStale(g *group) {
	if s.syncDelay < 0 {
		g.upToDate = true
		return
	}
	s.startSync(g, s.Now().Add(s.syncDelay))
}

// markDeleting is prepare_user_group_for_deletion: every edge goes at once, the row when the sync
// has run. Until then the group is listed, empty, and its name stays taken.
func (s *Server) markDeleting(g *group) {
	g.members = map[string]bool{}
	g.ccPairs = map[int]bool{}
	g.deleting = true
	if s.deleteDelay < 0 {
		s.st.groups.Delete(g.id)
		return
	}
	s.startSync(g, s.Now().Add(s.deleteDelay))
}
