// ImpactWeight: scores a matching term as idf x (stored impact), with Lucene's always-positive
// BM25 idf, ln(1 + (N - n + 0.5) / (n + 0.5)). The impact (BM25's tf and length part) was
// computed at index time (core/ranking.h), so no document length is read.
#pragma once

#include <xapian.h>

namespace newsdex {

class ImpactWeight : public Xapian::Weight {
 public:
  ImpactWeight();
  std::string name() const override { return "newsdex::ImpactWeight"; }
  ImpactWeight* clone() const override { return new ImpactWeight(); }
  void init(double factor) override;
  double get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen,
                     Xapian::termcount uniqterms) const override;
  double get_maxpart() const override;
  double get_sumextra(Xapian::termcount, Xapian::termcount) const override { return 0; }
  double get_maxextra() const override { return 0; }

 private:
  double per_wdf_ = 0;  // idf x query factor / impact scale
};

}  // namespace newsdex
