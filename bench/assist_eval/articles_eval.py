"""Evaluation set: 24 invented news articles with hand-made annotations.

All people, organisations, newspapers and most places are invented.  Real
cities appear only as settings.  See build_sets.py for the annotation
mini-language and README.md for the guidelines.

In "curly" articles straight apostrophes (') in text and annotations are
turned into typographic ones (’) by the builder; quotation marks are typed
as they appear.  "straight" articles are used exactly as typed.
"""

ARTICLES = []


def add(**kw):
    kw.setdefault("style", "curly")
    ARTICLES.append(kw)


# ---------------------------------------------------------------- eval-01
add(
    id="eval-01",
    title="Floodwaters cut off villages as Tarvania appeals for pumps",
    text="""
SELMO — Tarvania's government on Tuesday appealed to neighbouring states for heavy pumps and boats after the Vessa river burst its banks for the second time in a week, cutting road links to at least thirty villages in the country's east.

Interior Minister Dana Kovalik said about 12,000 people had been moved to schools and sports halls, and that the army had been ordered to open two more emergency camps near the town of Brisk. “The water is not going down, it is moving sideways,” Kovalik told reporters after a crisis meeting. “Every village we reach tells us about two more we have not reached yet.”

The Northern Basin Commission, the regional body that manages the river's dams, said it had opened the spillways at the Halden reservoir on Sunday night to prevent damage to the dam wall. In a statement published in Vienna, where the commission is based, it defended the decision. “Releasing water in a controlled way was the only safe option for the people living below the dam,” it said.

That explanation did not satisfy local officials in Brisk. Mayor Ilona Sferic, whose town lies twenty kilometres downstream, said nobody had warned her council before the gates were opened. She said residents had woken up to water in their kitchens. “We had a text message at four in the morning,” she said. “By then the bridge was already gone.”

The Brisk town council's demands for an independent review of the warning system, first made last year, were never acted on. A commission spokesman, Piet Vandersloot, declined to comment on the council's complaints.

Neighbouring Ostrel has offered two helicopters and a field hospital. Its defence ministry said the aircraft would arrive in Selmo on Wednesday morning, weather permitting.

The Union of Northern States, of which Tarvania is a member, said it had activated its civil protection mechanism. Its crisis coordinator, Henrik Aalund, told a news conference in Brussels that pumps from three member states were already on the road. “The first convoy should cross the border tonight,” he said.

Relief workers say the greatest risk now is disease. The charity Red Lantern Relief, which runs three clinics in the flooded districts, said clean water was running short. “People are drinking from the same water that has gone through their cellars,” said Amira Tolle, the group's coordinator in Brisk. “We are seeing stomach infections already.”

Kovalik said the government would ask parliament on Thursday to release emergency funds. Opposition leader Marek Dorn, who has accused the cabinet of cutting flood defence budgets, said he would support the request. He demanded “a full accounting, line by line, of where the last flood money went”.

Forecasters expect more rain over the weekend.
""",
    ann="""
G Tarvania @ Tarvania's government
D government @ Tarvania's government
P* Dana Kovalik | Kovalik
D the army
O* Northern Basin Commission
D the regional body
D the commission @ where the commission is based
R it @ it said.
D local officials
P* Ilona Sferic
D her council
R She @ She said residents
R she @ she said. “By
D The Brisk town council
D A commission spokesman
P* Piet Vandersloot
D the council @ the council's complaints
G Ostrel @ Neighbouring Ostrel
D Its defence ministry
O* Union of Northern States
G Tarvania @ which Tarvania is
D Its crisis coordinator
P* Henrik Aalund
R he @ tonight,” he said
D Relief workers
O* Red Lantern Relief
P* Amira Tolle
D the group's coordinator
D the government @ the government would ask
D parliament @ ask parliament
P* Marek Dorn
D the cabinet
R He @ He demanded
QI about 12,000 people ; Dana Kovalik ; said @ Kovalik said about
QD The water is not going down ; Kovalik @ Kovalik told ; told @ Kovalik told
QD Every village we reach ; Kovalik @ Kovalik told ; told @ Kovalik told
QI it had opened the spillways ; Northern Basin Commission ; said @ dams, said it
QD Releasing water ; Northern Basin Commission ; said @ it said.
QI nobody had warned ; Ilona Sferic ; said @ downstream, said
QI residents had woken up ; Ilona Sferic ; said @ She said residents
QD We had a text message ; Ilona Sferic ; said @ she said. “By
QD By then the bridge ; Ilona Sferic ; said @ she said. “By
QI the aircraft would arrive ; Its defence ministry ; said @ ministry said
QI it had activated ; Union of Northern States ; said @ member, said
QI pumps from three member states ; Henrik Aalund ; told @ Aalund, told
QD The first convoy ; Henrik Aalund ; said @ tonight,” he said
QI the greatest risk now is disease ; Relief workers ; say
QI clean water was running short ; Red Lantern Relief ; said @ districts, said
QD People are drinking ; Amira Tolle ; said @ said Amira Tolle
QD We are seeing stomach ; Amira Tolle ; said @ said Amira Tolle
QI the government would ask ; Kovalik @ Kovalik said the government ; said @ Kovalik said the government
QI he would support the request ; Marek Dorn ; said @ budgets, said he
QD a full accounting ; Marek Dorn ; demanded
""",
)

# ---------------------------------------------------------------- eval-02
add(
    id="eval-02",
    title="Ostrel and Marenzia end third round of detainee talks without deal",
    text="""
GENEVA — Ostrel and Marenzia ended a third round of talks on Friday without agreement on the release of detainees, but both sides said they would return to the Swiss city next month.

The two delegations spent four days in a lakeside hotel going through a list of people held since the border clashes of last autumn. According to a senior Ostrelian negotiator, the list now contains 340 names, of which Marenzia disputes about a third.

Marenzia's foreign minister, Teodor Vasquel, left the hotel without speaking to reporters waiting outside. Later in the evening, at a briefing for Marenzian journalists, the foreign minister said the two sides had at least agreed on how the names would be checked. “Three months ago they would not even read our list,” he added. “Today they read it, they argued with it, and they kept a copy.”

Ostrel's chief negotiator, Hanne Lodvik, was less upbeat. She said her team had asked for proof that the detainees were alive and had received none. “Our message was simple: ‘Show us the people on this list, or show us where they are buried.’ That is not a political demand. That is the minimum,” Lodvik told a news conference.

The talks are mediated by the Council of Coastal States, which has promised to send monitors to the border once a prisoner exchange begins. Its special envoy, Ruth Amadi-Kerr, said the mood had improved since the spring, but warned that “good manners are not an agreement”.

The envoy's office later released a statement listing the issues still open, including the fate of two journalists arrested in the border town of Kelm in November. The statement made no mention of the demands of Voices of Kelm, a group representing detainees' families, for access to a prison near Varn.

Outside the hotel, a few dozen relatives held up photographs of the missing. “My brother is a bus driver, not a soldier,” said one woman, who did not want to be named. “I want them to say his name in that room.”

Lodvik said she would travel to Kelm next week to meet families of the detainees. Asked whether Ostrel might walk away from the talks, she shook her head. “Walking away is easy. Coming back is the hard part,” she said.

In Pallado, the Marenzian capital, opposition leader Sabine Orlow said the government had wasted three rounds on procedure. “Every month of talks about lists is another month in a cell for the people on them,” she told the newspaper Pallado Today. Orlow's Freedom Party has called for a parliamentary inquiry into the handling of the detainee issue.

Ostrel's parliament is due to debate the talks on Tuesday, and Vasquel is expected to brief Marenzian lawmakers the same week.
""",
    ann="""
G Ostrel @ GENEVA — Ostrel
G Marenzia @ Ostrel and Marenzia
D both sides
D The two delegations
D a senior Ostrelian negotiator
G Marenzia @ of which Marenzia
G Marenzia @ Marenzia's foreign
D foreign minister @ Marenzia's foreign minister
P* Teodor Vasquel | Vasquel
D the foreign minister
D the two sides
R he @ he added
G Ostrel @ Ostrel's chief
D chief negotiator
P* Hanne Lodvik | Lodvik
R She @ She said her team
D her team
O* Council of Coastal States
D Its special envoy
P* Ruth Amadi-Kerr
D The envoy's office
O* Voices of Kelm
D a group @ a group representing
D a few dozen relatives
D one woman
G Ostrel @ whether Ostrel
R she @ part,” she said
P* Sabine Orlow | Orlow
D the government @ the government had wasted
R she @ she told the newspaper
D the newspaper
O* Pallado Today
O* Freedom Party
G Ostrel @ Ostrel's parliament
D parliament @ Ostrel's parliament
D Marenzian lawmakers
QI they would return ; both sides ; said @ both sides said
QI the list now contains ; a senior Ostrelian negotiator ; According to
QI the two sides had at least agreed ; the foreign minister ; said @ the foreign minister said
QD Three months ago ; Teodor Vasquel ; added
QD Today they read it ; Teodor Vasquel ; added
QI her team had asked ; Hanne Lodvik ; said @ She said her team
QD Our message was simple ; Lodvik @ Lodvik told ; told @ Lodvik told
QI the mood had improved >> since the spring ; Ruth Amadi-Kerr ; said @ Amadi-Kerr, said
QD good manners are not ; Ruth Amadi-Kerr ; warned
QD My brother is a bus driver ; one woman ; said @ said one woman
QD I want them to say ; one woman ; said @ said one woman
QI she would travel to Kelm ; Lodvik @ Lodvik said she ; said @ Lodvik said she
QD Walking away is easy ; Lodvik @ Lodvik said she ; said @ part,” she said
QI the government had wasted ; Sabine Orlow ; said @ Orlow said
QD Every month of talks ; Sabine Orlow ; told @ she told the newspaper
""",
)

# ---------------------------------------------------------------- eval-03
add(
    id="eval-03",
    title="Eleven miners rescued after Sorna tunnel collapse, six still missing",
    text="""
DORVIK — Rescue teams in northern Kestria on Wednesday reached eleven miners trapped for two days by a tunnel collapse at the Sorna copper mine, but six others remain missing, the mine's operator said.

Halvard Minerals, which has run the mine since 2011, said in a statement that the rescued men were conscious and had been taken to a hospital in the nearby town of Ulmo. Two of them are in a serious condition.

The company's chief executive, Oskar Brenn, was quoted by the Dorvik Ledger as saying that the collapse had happened in a section of the mine that passed a safety inspection in June. “We will find out what failed, and we will say so publicly,” Brenn told the newspaper.

The Kestrian Miners' Federation disputed that account. Its president, Vera Lindqvist-Oya, said workers had complained for months about water seeping into the lower tunnels and that their complaints had been ignored. The federation's demands for an independent drainage audit, first raised in March, were turned down by the company at the time.

Lindqvist-Oya spent the night at the mine entrance with the families of the missing men. Her anger was barely contained. “Every one of those men knew the roof was wet. Every one of them told a supervisor. Nobody wrote it down.”

Relatives gathered behind a police cordon said they had been given little information during the first night. “They told us to wait in the canteen and then nobody came for six hours,” said Petra Holm, whose husband, a shift foreman, is among the missing. “I found out from the radio that some of the men were alive.”

The company said in a later update that the rescue effort had been complicated by fresh water ingress, and that drilling of a second access shaft would begin overnight. Rescuers from neighbouring Tarvania, who specialise in flooded mines, were expected at the site by Thursday.

Kestria's labour inspectorate has opened an investigation. Its director, Tomas Ekhart, told state radio that inspectors would examine ventilation and drainage records going back two years. He said the June inspection had covered electrical equipment but not the pumps, which the company checks itself.

Prime Minister Lena Marsk, who flew to the mine by helicopter on Wednesday afternoon, met the families in a tent near the entrance. “The search will continue for as long as there is a chance,” she told them. “Nobody will be asked to go home.”

The collapse is the worst accident in Kestrian mining since 2017, when a gas explosion killed nine men at a coal pit near Ulmo. Halvard Minerals shares fell by almost eight percent in Dorvik on Wednesday. The federation has called a day of mourning for Friday.
""",
    ann="""
D Rescue teams
D the mine's operator
O* Halvard Minerals
D The company's chief executive
P* Oskar Brenn | Brenn
O* Dorvik Ledger
D the newspaper
O* Kestrian Miners' Federation
D Its president
P* Vera Lindqvist-Oya | Lindqvist-Oya
D workers @ said workers
D The federation @ The federation's demands
D the company @ by the company
D the families @ with the families
D Relatives
P* Petra Holm
D The company @ The company said in a later
D Rescuers
G Kestria @ Kestria's labour
D labour inspectorate
D Its director
P* Tomas Ekhart
D state radio
D inspectors @ that inspectors
R He @ He said the June
D the company @ the company checks
P* Lena Marsk
D the families @ met the families
R she @ she told them
D The federation @ The federation has called
QI Rescue teams in northern >> six others remain missing ; the mine's operator ; said @ operator said
QI the rescued men were conscious ; Halvard Minerals #1 ; said @ 2011, said
QI the collapse had happened ; Oskar Brenn ; was quoted by the Dorvik Ledger as saying
QD We will find out ; Brenn @ Brenn told ; told @ Brenn told
QI workers had complained ; Vera Lindqvist-Oya ; said @ Lindqvist-Oya, said
QD Every one of those men ; Lindqvist-Oya @ Lindqvist-Oya spent ; -
QI they had been given little ; Relatives ; said @ cordon said
QD They told us to wait ; Petra Holm ; said @ said Petra
QD I found out from the radio ; Petra Holm ; said @ said Petra
QI the rescue effort had been ; The company @ The company said in a later ; said @ The company said in a later
QI inspectors would examine ; Tomas Ekhart ; told @ told state radio
QI the June inspection ; Tomas Ekhart ; said @ He said the June
QD The search will continue ; Lena Marsk ; told @ she told them
QD Nobody will be asked ; Lena Marsk ; told @ she told them
""",
)

# ---------------------------------------------------------------- eval-04
add(
    id="eval-04",
    title="Corvessa to close northern fishing grounds to foreign trawlers",
    text="""
PORT LISLE — Corvessa will close its northern fishing grounds to foreign trawlers from next month, Fisheries Minister Idris Nakamura-Bell told parliament on Monday, escalating a long-running dispute with Ostrel over falling cod stocks.

The closure will cover about 9,000 square kilometres of sea between the Corvessan coast and the Skerra Bank, where Ostrelian boats have fished for generations. Nakamura-Bell said scientific surveys showed spawning stocks had fallen by 40 percent in five years. “We can share a sea. We cannot share an empty one,” he said.

Ostrel reacted within hours. Its foreign ministry summoned Corvessa's ambassador and said the decision breached a 1998 agreement guaranteeing Ostrelian access to the bank.

Ostrelian media reported on Tuesday that Deputy Prime Minister Karel Voss had told a closed meeting of the ruling party that Ostrel would consider sending naval patrol boats to escort its trawlers. Voss's office did not deny the report but said no decision had been taken.

Fishing industry groups in Ostrel warned of heavy losses. The Ostrelian Trawler Owners' Guild said its 140 vessels landed about a quarter of their annual catch on the Skerra Bank. “Some of our members will not survive a single season without those grounds,” the guild's director, Hendrik Molle, told the Varn Morning Post.

In the harbour towns of western Corvessa, where many families depend on inshore fishing, the closure was welcomed with some caution. “If they send warships for cod, we will know what this is really about,” said Alma Fenwick, who chairs the Corvessan Inshore Fishermen's Association. Her members, who work smaller boats close to the shore, have long complained that Ostrelian trawlers damage the seabed with heavy gear.

The opposition Coastal Labour party backed the closure but criticised its timing. Its fisheries spokesman, Declan Ruiz, said the government should have given boat owners at least a year to adjust. “Announcing this four weeks before the season is not policy,” Ruiz said. “It is theatre.”

Marine scientists at the University of Port Lisle, whose surveys the government cited, said the picture was more complicated than ministers suggested. The study's lead author, Anneke Sol, said warmer water had pushed cod further north, and that fishing pressure was only one of several causes.

The Council of Coastal States, which brokered the 1998 agreement, said it was ready to host talks between the two governments. A council official, speaking on condition of anonymity, said both capitals had been sounded out but neither had yet replied.

Nakamura-Bell told parliament the door to negotiations remained open. “We are not closing the door on Ostrel,” he said. “We are closing it on the trawl nets.”
""",
    ann="""
G Corvessa @ PORT LISLE — Corvessa
P* Idris Nakamura-Bell | Nakamura-Bell
D parliament @ told parliament on Monday
G Ostrel @ dispute with Ostrel
R he @ one,” he said
G Ostrel @ Ostrel reacted
D Its foreign ministry
G Corvessa @ Corvessa's ambassador
D ambassador
D Ostrelian media
P* Karel Voss | Voss
D the ruling party
G Ostrel @ that Ostrel would
D office @ Voss's office
D Fishing industry groups
O* Ostrelian Trawler Owners' Guild
D the guild's director
P* Hendrik Molle
O* Varn Morning Post
P* Alma Fenwick
O* Corvessan Inshore Fishermen's Association
D Her members
O* Coastal Labour
D Its fisheries spokesman
P* Declan Ruiz | Ruiz
D the government @ the government should
D Marine scientists
O* University of Port Lisle
D the government @ whose surveys the government
D ministers
D The study's lead author
P* Anneke Sol
O* Council of Coastal States
D the two governments
D A council official
D both capitals
D parliament @ Nakamura-Bell told parliament the
G Ostrel @ door on Ostrel
R he @ Ostrel,” he said
QI Corvessa will close >> from next month ; Idris Nakamura-Bell ; told @ Nakamura-Bell told parliament on
QI scientific surveys showed ; Nakamura-Bell @ Nakamura-Bell said ; said @ Nakamura-Bell said
QD We can share a sea ; Nakamura-Bell @ Nakamura-Bell said ; said @ one,” he said
QI the decision breached ; Its foreign ministry ; said @ ambassador and said
QI Ostrel would consider ; Karel Voss ; told @ had told
QI no decision had been taken ; office @ Voss's office ; said @ report but said
QI its 140 vessels landed ; Ostrelian Trawler Owners' Guild ; said @ Guild said
QD Some of our members ; Hendrik Molle ; told @ Molle, told
QI the picture was more complicated ; Marine scientists ; said @ cited, said
QI warmer water had pushed ; Anneke Sol ; said @ Sol, said
QD If they send warships ; Alma Fenwick ; said @ said Alma
QI Ostrelian trawlers damage ; Her members ; complained
QI the government should have ; Declan Ruiz ; said @ Ruiz, said
QD Announcing this ; Ruiz @ Ruiz said ; said @ Ruiz said
QD It is theatre ; Ruiz @ Ruiz said ; said @ Ruiz said
QI it was ready to host ; Council of Coastal States ; said @ agreement, said
QI both capitals had been ; A council official ; said @ anonymity, said
QI the door to negotiations ; Nakamura-Bell @ Nakamura-Bell told parliament the ; told @ Nakamura-Bell told parliament the
QD We are not closing ; Nakamura-Bell @ Nakamura-Bell told parliament the ; said @ Ostrel,” he said
QD We are closing it ; Nakamura-Bell @ Nakamura-Bell told parliament the ; said @ Ostrel,” he said
""",
)

# ---------------------------------------------------------------- eval-05
add(
    id="eval-05",
    style="straight",
    title="Marenzian central bank raises rates again as inflation hits decade high",
    text="""
PALLADO — Marenzia's central bank raised its main interest rate by half a percentage point on Thursday, to 7.25 percent, its fourth increase this year, as inflation climbed to its highest level in more than a decade.

The Bank of Marenzia said consumer prices had risen by 11.8 percent in the year to September, driven by fuel, rents and food. Its monetary council voted five to two for the increase, with the two dissenters arguing for a smaller step.

Governor Elena Forsgaard, who took office in January, defended the decision at a news conference at the bank's headquarters. "Inflation is a tax that nobody voted for, and it falls hardest on the people with the least," she said. "We will not stop until it is back under control."

Finance Minister Paul Anker-Sey, whose government faces an election in the spring, was less enthusiastic. He said higher borrowing costs would hurt small businesses that had barely recovered from last winter's energy crisis.

"The bank has its mandate and we respect it," Anker-Sey told reporters. "But nobody should pretend that this is painless for a family with a mortgage."

In an interview with the business channel MNT later in the day, the governor said the bank was watching wage negotiations closely. "If everyone tries to catch up with prices at the same moment, prices simply run faster," the governor said. "That is not a theory. We have seen it happen here before."

The decision drew criticism from the governing party's own benches. Lawmaker Teo Marchetti-Lund, who chairs parliament's budget committee, wrote on social media that the bank was "strangling the recovery to win an argument with the last decade." The bank declined to respond to his comments.

Business groups were split. The Marenzian Chamber of Industry said higher rates were "painful but necessary," while the Federation of Small Traders warned that many of its members would have to lay off staff before Christmas.

The Marenzian Trade Union Confederation called the increase "a gift to the banks and a bill for the workers." Its demands for an emergency law linking wages to prices were rejected by parliament in June, and union leaders have threatened a day of protest in November.

Economists at the brokerage Tessin Partners said they expected one more increase in December before the bank pauses. They said inflation was unlikely to fall below 6 percent before the second half of next year.

The Marenzian lira rose 0.6 percent against the dollar after the announcement. The next rate decision is due on 12 December.
""",
    ann="""
G Marenzia @ Marenzia's central
D central bank @ Marenzia's central bank
O* Bank of Marenzia
D Its monetary council
D the two dissenters
P* Elena Forsgaard
D the bank @ the bank's headquarters
R she @ she said
P* Paul Anker-Sey | Anker-Sey
D whose government
R He @ He said higher
D The bank @ "The bank has
O* MNT
D the governor @ the governor said the bank
D the bank @ said the bank was
D the governor @ faster," the governor said
D the governing party
P* Teo Marchetti-Lund
D parliament's budget committee
D the bank @ the bank was "strangling
D The bank @ The bank declined
D Business groups
O* Marenzian Chamber of Industry
O* Federation of Small Traders
O* Marenzian Trade Union Confederation
D parliament @ rejected by parliament
D union leaders
D Economists
O* Tessin Partners
D the bank @ before the bank pauses
R They @ They said
QI consumer prices had risen ; Bank of Marenzia ; said @ Marenzia said
QD Inflation is a tax ; Elena Forsgaard ; said @ she said
QD We will not stop ; Elena Forsgaard ; said @ she said
QI higher borrowing costs ; Paul Anker-Sey ; said @ He said higher
QD The bank has its mandate ; Anker-Sey @ Anker-Sey told ; told
QD But nobody should pretend ; Anker-Sey @ Anker-Sey told ; told
QI the bank was watching ; the governor @ the governor said the bank ; said @ the governor said the bank
QD If everyone tries ; the governor @ faster," the governor said ; said @ faster," the governor said
QD That is not a theory ; the governor @ faster," the governor said ; said @ faster," the governor said
QD strangling the recovery ; Teo Marchetti-Lund ; wrote
QD painful but necessary ; Marenzian Chamber of Industry ; said @ Industry said
QI many of its members ; Federation of Small Traders ; warned
QD a gift to the banks ; Marenzian Trade Union Confederation ; called
QI they expected one more ; Economists ; said @ Partners said
QI inflation was unlikely ; Economists ; said @ They said
""",
)

# ---------------------------------------------------------------- eval-06
add(
    id="eval-06",
    title="Quillon Air files for bankruptcy, stranding thousands",
    text="""
SELMO — Quillon Air, Tarvania's second-largest airline, filed for bankruptcy protection on Monday and cancelled all flights for the rest of the week, stranding an estimated 18,000 passengers across Europe and North Africa.

In a statement issued from its head office near Selmo airport, the carrier blamed high fuel prices, a weak currency and the collapse of a planned merger with the Ostrelian airline Nordvik. “The board has concluded that there is no realistic path to continued operations without the protection of the court,” it said.

The airline said it would keep paying its 2,300 staff until the end of the month and that administrators would try to find buyers for its 31 aircraft and its landing slots.

Transport Minister Goran Veselik said the government would not rescue the company with public money. He said the state had already lent Quillon 90 million crowns during the pandemic and had seen little of it repaid. “Taxpayers have been generous to this airline once,” Veselik told Tarvanian television. “They will not be asked twice.”

At Selmo airport, hundreds of passengers queued at an information desk staffed by two employees. Some had been waiting since dawn. Lukas Ambrose, a student travelling home to Lisbon, held up a printed boarding pass. “This was my ticket. Now it is a souvenir.”

Travel agents said many customers had bought their tickets as part of package holidays and would be covered by insurance. Others were less fortunate. Josef Lind, a retired teacher from the northern city of Hamra, said he and his wife had paid for their flights to Tenerife by bank transfer in January. “We saved for two years for this,” Lind said. “Now we are told to write a letter to an administrator.”

The Tarvanian Cockpit Association said its members had accepted a 15 percent pay cut last year to keep the airline flying. “We gave, and we gave again, and nobody in that boardroom gave anything back,” said the association's chairwoman, Ines Okafor. The association's warnings about the company's debts were dismissed by management as recently as March.

The Tarvanian Civil Aviation Authority, based in the port city of Draga, said it had suspended Quillon's operating licence for thirty days. It said passengers who had paid by credit card should contact their banks for refunds.

Rival carriers said they would offer reduced fares to stranded Quillon passengers. Nordvik, whose merger talks with Quillon collapsed in August, was among them. A spokeswoman for Nordvik, Sigrid Haal, said the company had “no interest” in buying the bankrupt airline.
""",
    ann="""
O* Quillon Air | Quillon
D Tarvania's second-largest airline
D the carrier
O* Nordvik
R it @ it said.
D The board
D the court
D The airline
D administrators
P* Goran Veselik | Veselik
D the government
D the company @ rescue the company
R He @ He said the state
D the state
D Tarvanian television
P* Lukas Ambrose
D a student
D Travel agents
P* Josef Lind | Lind
D a retired teacher
O* Tarvanian Cockpit Association
D its members
D the association's chairwoman
P* Ines Okafor
D The association @ The association's warnings
D the company @ the company's debts
D management
O* Tarvanian Civil Aviation Authority
R It @ It said passengers
D Rival carriers
D A spokeswoman
P* Sigrid Haal
D the company @ the company had
QD The board has concluded ; Quillon Air ; said @ it said.
QI it would keep paying ; The airline ; said @ airline said
QI the government would not rescue ; Goran Veselik ; said @ Veselik said
QI the state had already lent ; Goran Veselik ; said @ He said the state
QD Taxpayers have been generous ; Veselik @ Veselik told ; told @ Veselik told
QD They will not be asked twice ; Veselik @ Veselik told ; told @ Veselik told
QD This was my ticket ; Lukas Ambrose ; -
QI many customers had bought ; Travel agents ; said @ agents said
QI he and his wife had paid ; Josef Lind ; said @ Hamra, said
QD We saved for two years ; Lind @ Lind said ; said @ Lind said
QD Now we are told ; Lind @ Lind said ; said @ Lind said
QI its members had accepted ; Tarvanian Cockpit Association ; said @ Cockpit Association said
QD We gave, and we gave again ; Ines Okafor ; said @ said the association's
QI it had suspended ; Tarvanian Civil Aviation Authority ; said @ Draga, said
QI passengers who had paid ; Tarvanian Civil Aviation Authority ; said @ It said passengers
QI they would offer ; Rival carriers ; said @ carriers said
QD no interest ; Sigrid Haal ; said @ Haal, said
""",
)

# ---------------------------------------------------------------- eval-07
add(
    id="eval-07",
    title="Cazan declared winner of Ardenza runoff; Halloran refuses to concede",
    text="""
VALLORA — Ardenza's electoral commission on Sunday declared former judge Mirela Cazan the winner of the presidential runoff, but her opponent refused to concede and said he would challenge the result in court.

According to the commission, Cazan won 51.4 percent of the vote against 48.6 percent for the incumbent, Viktor Halloran, on a turnout of 63 percent. The margin of about 190,000 votes was the narrowest since the country returned to multi-party elections.

Halloran, who has governed for ten years, told supporters at his campaign headquarters that the vote had been marred by irregularities in at least four provinces. “We will not hand this country to anyone on the basis of a count we cannot trust,” he said.

According to Halloran's campaign manager, Dinu Marasescu, the party has collected more than 300 written complaints from its observers at polling stations. Marasescu said the complaints would be filed with the Constitutional Court on Tuesday.

Cazan, speaking to a crowd of several thousand in the capital's main square, called for calm. “The people have spoken, and they have spoken in a whisper, not a shout,” she said. “I hear that whisper. I will be a president for those who did not vote for me, too.”

Outside the commission's headquarters, several hundred supporters of Halloran chanted slogans and waved flags of the ruling Ardenza First party until police asked them to disperse shortly before midnight. There were no reports of violence.

A monitoring mission from the Union of Northern States said voting had been largely orderly, though it noted that voter lists in the mountain provinces of Serra and Ulvik contained thousands of names of people who had died or emigrated. The mission's head, Birgit Lamorne, told reporters the errors appeared to be the result of neglect rather than fraud. “Sloppy lists are a scandal,” she said, “but they are not the same scandal as a stolen election.”

The Constitutional Court has ten days to rule on any challenge. Its president, Aurel Dobran, was appointed by Halloran in 2019, a fact that Cazan's supporters have repeatedly raised during the campaign.

The Union of Northern States, which has pressed Ardenza to reform its electoral law, urged both camps to respect the court process. Its chief spokesman, Olav Renning, said the bloc would not comment on the merits of any challenge. “Courts exist for exactly this kind of moment,” Renning said in a written statement.

Cazan, 58, spent two decades as an anti-corruption judge before entering politics. If the result stands, she will be sworn in on 1 December.
""",
    ann="""
G Ardenza @ Ardenza's electoral
D electoral commission
P* Mirela Cazan | Cazan
D her opponent
D the commission @ According to the commission
D the incumbent
P* Viktor Halloran | Halloran
D supporters @ told supporters
R he @ trust,” he said
D campaign manager
P* Dinu Marasescu | Marasescu
D the party
D its observers
O* Constitutional Court
R she @ shout,” she said
D the commission @ the commission's headquarters
D several hundred supporters
O* Ardenza First
D police
D A monitoring mission
O* Union of Northern States
R it @ it noted
D The mission's head
P* Birgit Lamorne
R she @ scandal,” she said
D Its president
P* Aurel Dobran
D supporters @ Cazan's supporters
G Ardenza @ pressed Ardenza
D both camps
D Its chief spokesman
P* Olav Renning | Renning
D the bloc
QI he would challenge ; her opponent ; said @ concede and said
QI Cazan won 51.4 ; the commission @ According to the commission ; According to @ According to the commission
QI the vote had been marred ; Halloran @ Halloran, who ; told @ told supporters
QD We will not hand ; Halloran @ Halloran, who ; said @ trust,” he said
QI the party has collected ; Dinu Marasescu ; According to @ According to Halloran's
QI the complaints would be filed ; Marasescu @ Marasescu said ; said @ Marasescu said
QD The people have spoken ; Cazan @ Cazan, speaking ; said @ shout,” she said
QD I hear that whisper ; Cazan @ Cazan, speaking ; said @ shout,” she said
QI voting had been largely orderly >> largely orderly ; A monitoring mission ; said @ States said
QI voter lists in the mountain ; A monitoring mission ; noted
QI the errors appeared ; Birgit Lamorne ; told @ told reporters
QD Sloppy lists are a scandal ; Birgit Lamorne ; said @ scandal,” she said
QD but they are not the same ; Birgit Lamorne ; said @ scandal,” she said
QI the bloc would not comment ; Olav Renning ; said @ Renning, said
QD Courts exist ; Renning @ Renning said ; said @ Renning said
""",
)

# ---------------------------------------------------------------- eval-08
add(
    id="eval-08",
    title="Ostrelian teachers stage first national strike in twenty years",
    text="""
VARN — Tens of thousands of teachers across Ostrel walked out on Wednesday in the first national school strike in twenty years, closing more than two thirds of the country's primary schools.

The Ostrelian Teachers' Union (OTU) is demanding a 12 percent pay rise over two years and a legal cap on class sizes. The government has offered 5 percent.

“Our members are not striking for luxury. They are striking because they cannot pay their rent,” OTU general secretary Katrin Salo told a rally outside the education ministry. “When a minister tells us to ‘be patient and think of the children’, I want to ask him: who does he think we think of every day?”

Education Minister Lars Vindahl said on Tuesday evening that the offer was the best the government could afford while it was still paying for last year's storm damage. On Wednesday morning he repeated that position on breakfast television. “I understand the anger. Nobody in this government has ever said that teachers are ‘paid enough’,” the minister said. “But I do not have a second budget hidden in a drawer.”

In Hessel, an industrial town south of the capital, striking teachers formed a human chain around the town hall. “We are not asking for the moon,” said Ruben Kask, a history teacher with 22 years in the classroom. “We are asking to be able to live in the town where we teach.”

Prime Minister Jonas Erlend, who has stayed out of the dispute, said on Wednesday evening that he had full confidence in Vindahl. Asked whether the government could find more money, he replied: “Every krona we find for one thing, we take away from something else.”

The National Parents' Council, which represents school boards, said it supported the teachers' pay claim but urged both sides to return to talks. The council's chairman, Emil Brandt, said many parents had been forced to take unpaid leave.

Outside the closed Linde primary school in northern Varn, one parent, Tove Ahl, said she had taken the day off work to look after her two sons. “I support them, I really do,” she said. “But I have three days of holiday left for the whole year.”

The union's leader said late on Wednesday that the strike would be repeated every Wednesday until the government improved its offer. Ministry officials said talks could resume on Friday, but only if the union dropped its demand for a legal cap on class sizes.

Schools are expected to reopen as normal on Thursday. The OTU's previous national strike, in 2005, lasted nine days and ended with a 7 percent pay rise.
""",
    ann="""
D Tens of thousands of teachers
O* Ostrelian Teachers' Union | OTU
D The government @ The government has offered
P* Katrin Salo
P* Lars Vindahl | Vindahl
D the government @ the government could afford
D this government
D the minister @ the minister said
D striking teachers
P* Ruben Kask
D a history teacher
P* Jonas Erlend
D the government @ whether the government
R he @ he replied
O* National Parents' Council
D the teachers @ the teachers' pay
D both sides
D The council's chairman
P* Emil Brandt
D one parent
P* Tove Ahl
R she @ she said. “But
D The union's leader
D the government @ the government improved
D Ministry officials
D the union @ if the union dropped
QD Our members are not striking ; Katrin Salo ; told
QD When a minister tells us ; Katrin Salo ; told
QI the offer was the best ; Lars Vindahl ; said @ Vindahl said
QD I understand the anger ; the minister @ the minister said ; said @ the minister said
QD But I do not have a second budget ; the minister @ the minister said ; said @ the minister said
QD We are not asking for the moon ; Ruben Kask ; said @ said Ruben
QD We are asking to be able ; Ruben Kask ; said @ said Ruben
QI he had full confidence ; Jonas Erlend ; said @ dispute, said
QD Every krona we find ; Jonas Erlend ; replied
QI it supported the teachers' pay claim >> pay claim ; National Parents' Council ; said @ boards, said
QI many parents had been forced ; Emil Brandt ; said @ Brandt, said
QI she had taken the day off ; Tove Ahl ; said @ Ahl, said
QD I support them ; Tove Ahl ; said @ she said. “But
QD But I have three days ; Tove Ahl ; said @ she said. “But
QI the strike would be repeated ; The union's leader ; said @ leader said
QI talks could resume ; Ministry officials ; said @ officials said
""",
)

# ---------------------------------------------------------------- eval-09
add(
    id="eval-09",
    title="Vantrix confirms theft of data on up to 2.1 million customers",
    text="""
PORT LISLE — Personal data belonging to as many as 2.1 million customers of Vantrix, Corvessa's largest mobile operator, was stolen in a cyberattack discovered last week, the company confirmed on Thursday.

The stolen files include names, home addresses, dates of birth and, for about 300,000 customers, scanned copies of identity cards, Vantrix said in a statement. It said payment card details were stored on separate systems and had not been affected.

Chief executive Marguerite Osei-Lang was quoted by the business daily Corvessa Markets as saying that the attackers had used the stolen password of an employee at an outside contractor. “We were not careless, but we were not careful enough,” she told the paper in an interview published on Thursday morning. “I apologise to every customer who is worried tonight.”

At a Vantrix shop in the centre of Port Lisle, a queue had formed well before opening time. Ravi Castellanos, a taxi driver, wanted to know whether his identity card was among the copied files. “Nobody can tell me. They say check your email. Which email? The one they lost?”

The Corvessan Data Protection Office said it had opened an inquiry and could fine the company up to four percent of its annual turnover. Its commissioner, Hugo Brandvold, said Vantrix had informed his office on Monday, five days after the attack was detected. He called the delay “difficult to understand”. Under Corvessan law, companies must report serious breaches within 72 hours.

Digital Affairs Minister Colette Ambani said the government would bring forward a bill requiring operators to delete identity scans once a customer's identity had been verified. “There is no reason for a phone company to keep a photograph of your passport for ten years,” she said.

Dalia Fenn, a researcher at the security firm Blackmoor Labs, said part of the data had been offered for sale on an online forum on Sunday for the equivalent of about 40,000 dollars in cryptocurrency. She said the sample she had examined appeared genuine and included records created as recently as August.

Opposition lawmakers demanded that Osei-Lang appear before parliament's digital affairs committee. Committee chair Brian Okonkwo-Reyes said she had agreed to testify next Wednesday.

The Corvessan Consumers' Union advised affected customers to ask their banks to watch their accounts closely, and said it was preparing a collective complaint. The union's demands for compensation were rejected by Vantrix within hours. Vantrix said it would instead offer affected customers free identity monitoring for two years.
""",
    ann="""
O* Vantrix
D Corvessa's largest mobile operator
D the company @ the company confirmed
R It @ It said payment
P* Marguerite Osei-Lang | Osei-Lang
O* Corvessa Markets
D the attackers
R she @ she told the paper
D the paper
P* Ravi Castellanos
D a taxi driver
O* Corvessan Data Protection Office
D the company @ fine the company
D Its commissioner
P* Hugo Brandvold
D his office
R He @ He called
P* Colette Ambani
D the government
R she @ years,” she said
P* Dalia Fenn
D a researcher
O* Blackmoor Labs
R She @ She said the sample
D Opposition lawmakers
D parliament's digital affairs committee
P* Brian Okonkwo-Reyes
O* Corvessan Consumers' Union
D The union @ The union's demands
QI Personal data belonging >> discovered last week ; the company @ the company confirmed ; confirmed
QI The stolen files include >> copies of identity cards ; Vantrix @ Vantrix said in ; said @ Vantrix said in
QI payment card details ; Vantrix @ Vantrix said in ; said @ It said payment
QI the attackers had used ; Marguerite Osei-Lang ; was quoted by the business daily Corvessa Markets as saying
QD We were not careless ; Marguerite Osei-Lang ; told
QD I apologise ; Marguerite Osei-Lang ; told
QD Nobody can tell me ; Ravi Castellanos ; -
QI it had opened an inquiry ; Corvessan Data Protection Office ; said @ Office said
QI Vantrix had informed ; Hugo Brandvold ; said @ Brandvold, said
QD difficult to understand ; Hugo Brandvold ; called
QI the government would bring forward ; Colette Ambani ; said @ Ambani said
QD There is no reason ; Colette Ambani ; said @ years,” she said
QI part of the data ; Dalia Fenn ; said @ Labs, said
QI the sample she had examined ; Dalia Fenn ; said @ She said the sample
QI Osei-Lang appear before ; Opposition lawmakers ; demanded
QI she had agreed to testify ; Brian Okonkwo-Reyes ; said @ Okonkwo-Reyes said
QI it was preparing a collective complaint ; Corvessan Consumers' Union ; said @ closely, and said
QI it would instead offer ; Vantrix @ Vantrix said it would ; said @ Vantrix said it would
""",
)

# ---------------------------------------------------------------- eval-10
add(
    id="eval-10",
    title="Marenzian police detain journalist who investigated state energy firm",
    text="""
PALLADO — Marenzian police have detained an investigative journalist who reported on the finances of the state energy company, prompting protests from press freedom groups and a rare public rebuke from within the governing coalition.

Nikolai Strand, who writes for the independent weekly Kompas, was arrested at his home early on Saturday, his lawyer said. The lawyer, Farida Moen, said her client had been questioned for seven hours about articles he published in September and had not been charged.

In those articles, Strand alleged that executives at Marenergo, which runs most of the country's power stations, had paid inflated fees to a consulting firm owned by relatives of a deputy minister. Marenergo has denied any wrongdoing. Its chief executive, Piotr Halvorsen, told shareholders last month that the consulting contracts had been approved by the board and audited.

The Pallado Herald reported on Sunday that Interior Minister Boris Kalnins had told a closed session of parliament's security committee that Strand was suspected of handling classified documents taken by a former employee of the company. The interior ministry did not respond to requests for comment.

“Detaining a journalist to find out who his sources are is a line a democracy does not cross,” said Justice Minister Olga Barre, whose Liberal Union is the junior partner in the coalition. “I have said so to my colleagues, and I am saying it now in public.”

A government spokesman, Alexei Dunn, said the detention was a matter for the police and the courts. He said the government respected the work of the press but that nobody was above the law.

Marenzia's ombudsman for human rights, Clara Weiss, said she had asked to visit Strand in custody. She said she expected an answer from the police within a day.

Kompas's editor-in-chief, Jan Ivarsen, said the weekly would keep publishing. “If they think this will make us stop, they have not read our back issues,” he said.

The Free Press Alliance, a media freedom group based in Vienna, said the arrest fitted a pattern. It said at least four Marenzian journalists had been questioned by police this year over leaked documents, and called for Strand's immediate release.

About two hundred people gathered outside police headquarters in central Pallado on Sunday evening. A banner stretched across the railings read: “Journalism is not a crime.” Some protesters held up copies of the latest issue of Kompas.

Under Marenzian law, a suspect can be held for 72 hours before a judge must decide on charges or release.
""",
    ann="""
D Marenzian police
D the state energy company
D press freedom groups
D the governing coalition
P* Nikolai Strand | Strand
O* Kompas
D his lawyer
D The lawyer
P* Farida Moen
D her client
O* Marenergo
D executives
D a consulting firm
D relatives
D a deputy minister
D Its chief executive
P* Piotr Halvorsen
D the board
O* Pallado Herald
P* Boris Kalnins
D parliament's security committee
D a former employee
D the company @ employee of the company
D The interior ministry
P* Olga Barre
O* Liberal Union
D the coalition @ partner in the coalition
D A government spokesman
P* Alexei Dunn
D the police @ for the police
D the courts
R He @ He said the government
D the government @ the government respected
G Marenzia @ Marenzia's ombudsman
D ombudsman
P* Clara Weiss
R She @ She said she expected
D the police @ from the police
D editor-in-chief
P* Jan Ivarsen
D the weekly
R he @ issues,” he said
O* Free Press Alliance
D a media freedom group
R It @ It said at least
D police @ questioned by police
D Some protesters
QI Nikolai Strand, who writes >> early on Saturday ; his lawyer ; said @ his lawyer said
QI her client had been questioned ; Farida Moen ; said @ Moen, said
QI executives at Marenergo ; Strand @ Strand alleged ; alleged
QI the consulting contracts ; Piotr Halvorsen ; told @ Halvorsen, told
QI Strand was suspected ; Boris Kalnins ; told @ had told
QD Detaining a journalist ; Olga Barre ; said @ said Justice
QD I have said so ; Olga Barre ; said @ said Justice
QI the detention was a matter ; Alexei Dunn ; said @ Dunn, said
QI the government respected ; Alexei Dunn ; said @ He said the government
QI she had asked to visit ; Clara Weiss ; said @ Weiss, said
QI she expected an answer ; Clara Weiss ; said @ She said she expected
QI the weekly would keep ; Jan Ivarsen ; said @ Ivarsen, said
QD If they think this ; Jan Ivarsen ; said @ issues,” he said
QI the arrest fitted a pattern ; Free Press Alliance ; said @ Vienna, said
QI at least four Marenzian >> over leaked documents ; Free Press Alliance ; said @ It said at least
QD Journalism is not a crime ; - ; read @ railings read
""",
)

# ---------------------------------------------------------------- eval-11
add(
    id="eval-11",
    style="straight",
    title="Tarvania recalls blood pressure drug over impurity",
    text="""
SELMO — Tarvania's medicines regulator on Friday ordered the recall of a widely used blood pressure drug after laboratory tests found traces of a potentially carcinogenic impurity in several batches.

The Tarvanian Medicines Agency said the recall covered 41 batches of valsomide tablets made by Lorendahl Pharma at its plant in the eastern city of Kurov. In a notice posted on its website, the agency told patients not to stop taking the medicine without first speaking to a doctor or pharmacist. "The risk from stopping treatment suddenly is far greater than the risk from the impurity," it said.

Lorendahl Pharma, which has its headquarters in Zurich, said it was cooperating fully with the regulator and had suspended production of the drug. It said the impurity had been introduced by a change in a supplier's manufacturing process about eighteen months ago.

Health Minister Kaisa Morel said about 160,000 people in Tarvania were taking valsomide and that pharmacies would swap their tablets for an alternative free of charge. "Nobody needs to panic, but everybody needs to check their pill box," Morel told reporters. "If the box says Lorendahl and valsomide, take it to the pharmacy next week."

The Tarvanian Pharmacists' Society said its members had been flooded with calls since the announcement. Its president, Radu Kemper, said stocks of alternative drugs were sufficient for about three weeks. "After that, we will need the other manufacturers to deliver more, and quickly," he said.

Elsa Norquist, 67, who has taken valsomide for nine years, said she had heard about the recall on the radio. "My pharmacist did not know anything about it at eight o'clock this morning," she said. "I was the one who told her."

The opposition Social Democrats demanded that the agency explain why the impurity had gone undetected for so long. "Eighteen months is not a delay. It is a failure of supervision," said the party's health spokesman, Victor Ambrus.

The agency's director, Benedikt Aro, rejected that criticism in an interview with Radio Selmo on Friday evening. He said the impurity was below the limit that standard tests were designed to find and had been identified only because his staff had introduced a more sensitive method this year.

Patients' groups said the recall had been handled better than a similar episode in 2019, when pharmacies ran out of replacement medicines within days. "This time at least the letters went out before the headlines," said Mona Rask, who chairs the Tarvanian Heart Patients' Association.

Regulators in neighbouring Ostrel said they were checking whether any of the affected batches had been sold there. Lorendahl's shares fell by six percent in Zurich.
""",
    ann="""
G Tarvania @ Tarvania's medicines
D medicines regulator
O* Tarvanian Medicines Agency
- Lorendahl @ box says Lorendahl
O* Lorendahl Pharma | Lorendahl
D the agency @ the agency told patients
R it @ impurity," it said
D the regulator
R It @ It said the impurity
D a supplier
P* Kaisa Morel | Morel
O* Tarvanian Pharmacists' Society
D its members
D Its president
P* Radu Kemper
R he @ quickly," he said
P* Elsa Norquist
R she @ morning," she said
O* Social Democrats
D the agency @ that the agency explain
D the party's health spokesman
P* Victor Ambrus
D The agency's director
P* Benedikt Aro
O* Radio Selmo
R He @ He said the impurity
D his staff
D Patients' groups
P* Mona Rask
O* Tarvanian Heart Patients' Association
D Regulators
QI the recall covered 41 ; Tarvanian Medicines Agency ; said @ Agency said
QD The risk from stopping ; Tarvanian Medicines Agency ; said @ impurity," it said
QI it was cooperating fully ; Lorendahl Pharma @ Lorendahl Pharma, which ; said @ Zurich, said
QI the impurity had been introduced ; Lorendahl Pharma @ Lorendahl Pharma, which ; said @ It said the impurity
QI about 160,000 people ; Kaisa Morel ; said @ Morel said
QD Nobody needs to panic ; Morel @ Morel told ; told @ Morel told
QD If the box says ; Morel @ Morel told ; told @ Morel told
QI its members had been flooded ; Tarvanian Pharmacists' Society ; said @ Society said
QI stocks of alternative drugs ; Radu Kemper ; said @ Kemper, said
QD After that, we will need ; Radu Kemper ; said @ quickly," he said
QI she had heard about ; Elsa Norquist ; said @ years, said
QD My pharmacist did not know ; Elsa Norquist ; said @ morning," she said
QD I was the one ; Elsa Norquist ; said @ morning," she said
QI the agency explain why ; Social Democrats ; demanded
QD Eighteen months is not a delay ; Victor Ambrus ; said @ said the party's
QI the impurity was below ; Benedikt Aro ; said @ He said the impurity
QI the recall had been handled ; Patients' groups ; said @ groups said
QD This time at least ; Mona Rask ; said @ said Mona
QI they were checking ; Regulators ; said @ Ostrel said
""",
)

# ---------------------------------------------------------------- eval-12
add(
    id="eval-12",
    title="Refugee camp in Belisar overwhelmed as thousands flee Kalpur fighting",
    text="""
NAIROBI — More than 60,000 people have fled fighting in Zerevan's northern Kalpur province into neighbouring Belisar since the start of the month, overwhelming a camp built for a third of that number, aid agencies said on Tuesday.

According to the World Refugee Office, which runs the Tamsa camp near the border, about 4,000 people are arriving every day, most of them women and children.

The office's regional director, Amadou Kessler, told a news conference in Nairobi that water supplies at the camp had fallen to seven litres per person per day, less than half the emergency minimum. “We are rationing water in a place where the temperature reaches 40 degrees,” he said. “Every day we wait for funding, the queues get longer and the tempers get shorter.”

The fighting erupted on 3 May when the Kalpur Liberation Front (KLF), an armed group seeking autonomy for the province, attacked army positions near the town of Orsk. Zerevan's government says it has since retaken most of the territory lost in the first week.

According to Colonel Ibrahim Tazi, a spokesman for the Zerevani army, troops have recaptured 14 of the 19 villages seized by the rebels and are clearing mines from the main road to Orsk. A commander of the KLF, reached by telephone, disputed that account. “They have taken back the roads, not the villages,” said the commander, who did not give his name. “The villages are empty because the army burned them.”

Belisar's interior minister, Halima Noor, said her country would keep its border open but could not carry the burden alone. “Belisar has opened its doors. Now we need others to open their wallets,” she said during a visit to Tamsa.

Local officials in the border district of Hadra said schools had been turned into shelters and that the district hospital was treating wounded civilians from across the border. “We have one surgeon for the whole district,” said the district governor, Yusuf Benali. “He has not slept in his own bed for a week.”

According to the office, its emergency appeal for the region is only 18 percent funded, with pledges of 41 million dollars against a target of 230 million.

The medical charity Hands of Mercy said its clinic in the camp had treated 900 children for dehydration in a single week. Its doctors warned that cholera could spread quickly if sanitation did not improve.

Farah Almasi, who walked for four days from Orsk with her three children, said she had not eaten since Sunday so that the children could. “I did not leave because of the soldiers or because of the rebels,” she said. “I left because everybody with a gun was the same to us.”
""",
    ann="""
D aid agencies
O* World Refugee Office
D The office's regional director
P* Amadou Kessler
R he @ degrees,” he said
O* Kalpur Liberation Front | KLF
D an armed group
G Zerevan @ Zerevan's government
D government @ Zerevan's government
P* Ibrahim Tazi
D a spokesman
D the Zerevani army
D troops
D the rebels @ seized by the rebels
D A commander
D the commander
D the army @ because the army
G Belisar @ Belisar's interior
D interior minister
P* Halima Noor
D her country
G Belisar @ “Belisar has
R she @ wallets,” she said
D Local officials
D the district hospital
D the district governor
P* Yusuf Benali
D the office @ According to the office
O* Hands of Mercy
D Its doctors
P* Farah Almasi
D the soldiers
D the rebels @ because of the rebels
R she @ rebels,” she said
QI More than 60,000 people >> a third of that number ; aid agencies ; said @ agencies said
QI about 4,000 people ; World Refugee Office ; According to @ According to the World
QI water supplies at the camp ; Amadou Kessler ; told
QD We are rationing water ; Amadou Kessler ; said @ degrees,” he said
QD Every day we wait ; Amadou Kessler ; said @ degrees,” he said
QI it has since retaken ; government @ Zerevan's government ; says
QI troops have recaptured ; Ibrahim Tazi ; According to @ According to Colonel
QD They have taken back ; the commander ; said @ said the commander
QD The villages are empty ; the commander ; said @ said the commander
QI her country would keep ; Halima Noor ; said @ Noor, said
QD Belisar has opened ; Halima Noor ; said @ wallets,” she said
QI schools had been turned ; Local officials ; said @ Hadra said
QD We have one surgeon ; Yusuf Benali ; said @ said the district governor
QD He has not slept ; Yusuf Benali ; said @ said the district governor
QI its emergency appeal ; the office @ According to the office ; According to @ According to the office
QI its clinic in the camp ; Hands of Mercy ; said @ Mercy said
QI cholera could spread ; Its doctors ; warned
QI she had not eaten ; Farah Almasi ; said @ children, said
QD I did not leave ; Farah Almasi ; said @ rebels,” she said
QD I left because ; Farah Almasi ; said @ rebels,” she said
""",
)

# ---------------------------------------------------------------- eval-13
add(
    id="eval-13",
    title="Kestrian football federation suspends president over agency payments",
    text="""
DORVIK — Kestria's football federation suspended its president on Monday pending an investigation into payments made to a sports marketing agency while the country was bidding to host next year's regional championship.

The Kestrian Football Federation said its executive committee had voted unanimously to suspend Anton Vidmar, who has led the federation since 2014, for ninety days. The federation's general secretary, Maja Ruus, will run its affairs in the meantime, it said.

The suspension follows reports in the Dorvik Ledger, which published bank records showing that the agency, SportaNova, received 2.4 million crowns from the federation for consultancy work that has never been documented. SportaNova, which is registered in Luxembourg, has not responded to requests for comment.

In a statement released through his lawyers, Vidmar denied any wrongdoing. He said the payments had been approved by the full committee and checked by external auditors. The suspended president said he would cooperate with investigators and expected to return to his post before the championship begins.

Vidmar, a former international goalkeeper, was re-elected unopposed for a third term last year. At the time, he told delegates that the federation's finances had never been healthier. “We have more money in the bank than at any time in our history,” he said then.

Ruus, who joined the federation from the sports ministry in 2020, told reporters she would publish the organisation's accounts for the past five years. She said the review would be carried out by an outside firm.

Sports Minister Linnea Haug welcomed the decision. The minister said public money granted to the federation for stadium repairs would be frozen until the investigation was complete. “Football belongs to the fans, not to the people who sign the cheques,” Haug told state television on Monday evening.

A spokeswoman for the state prosecutor's office said a criminal investigation had been opened in March but declined to give further details. The allegations against Vidmar carry a maximum sentence of six years in prison.

The national team's captain, Erik Solvang, said the players were concentrating on next month's qualifier in Varn. “We cannot control what happens in offices. We can control what happens on the pitch,” the captain said after training.

Supporters' groups have demanded Vidmar's resignation for months. Kestria Fans United, which speaks for supporters of about forty clubs, said the suspension was “a start, not an ending”.

The Northern Football Association, the regional governing body based in Copenhagen, said it was monitoring the situation closely. It said the championship would go ahead as planned and that Kestria's hosting rights were not in question.
""",
    ann="""
D Kestria's football federation
D its president
D a sports marketing agency
D the country @ while the country
O* Kestrian Football Federation
D its executive committee
P* Anton Vidmar | Vidmar
D the federation @ led the federation
D The federation's general secretary
P* Maja Ruus | Ruus
R it @ it said.
O* Dorvik Ledger
D the agency @ that the agency
O* SportaNova
D the federation @ from the federation
D his lawyers
R He @ He said the payments
D the full committee
D external auditors
D The suspended president
D investigators
D a former international goalkeeper
R he @ he told delegates
D delegates
D the federation @ that the federation's finances
R he @ he said then
D the federation @ joined the federation
D the sports ministry
D the organisation
R She @ She said the review
P* Linnea Haug | Haug
D The minister
D the federation @ to the federation for
D state television
D A spokeswoman
D the state prosecutor's office
D The national team's captain
P* Erik Solvang
D the players
D the captain
D Supporters' groups
O* Kestria Fans United
O* Northern Football Association
D the regional governing body
R It @ It said the championship
G Kestria @ that Kestria's
QI its executive committee had voted ; Kestrian Football Federation ; said @ Federation said
QI The federation's general secretary, Maja Ruus, will >> in the meantime ; Kestrian Football Federation ; said @ it said.
QI the payments had been approved ; Vidmar @ Vidmar denied ; said @ He said the payments
QI he would cooperate ; The suspended president ; said @ president said
QI the federation's finances had ; Vidmar @ Vidmar, a former ; told @ he told delegates
QD We have more money ; Vidmar @ Vidmar, a former ; said @ he said then
QI she would publish ; Ruus @ Ruus, who joined ; told @ told reporters
QI the review would be carried out ; Ruus @ Ruus, who joined ; said @ She said the review
QI public money granted ; The minister ; said @ minister said
QD Football belongs ; Haug @ Haug told ; told @ Haug told
QI a criminal investigation >> opened in March ; A spokeswoman ; said @ office said
QI the players were concentrating ; Erik Solvang ; said @ Solvang, said
QD We cannot control ; the captain ; said @ the captain said
QD a start, not an ending ; Kestria Fans United ; said @ clubs, said
QI it was monitoring ; Northern Football Association ; said @ Copenhagen, said
QI the championship would go ahead ; Northern Football Association ; said @ It said the championship
""",
)

# ---------------------------------------------------------------- eval-14
add(
    id="eval-14",
    title="Thousands march in Montevero against Serra valley dam",
    text="""
MONTEVERO — Several thousand people marched through this mountain town on Saturday against plans for a hydroelectric dam that would flood eleven villages in the upper Serra valley, in the largest environmental protest Ardenza has seen in years.

The Serra Valley Alliance, a coalition of farmers, residents and environmental groups, said about 8,000 people took part. Police put the figure at 3,500. Organisers had chartered buses from Vallora and from towns along the coast.

At the head of the march, Lucia Ferrante, 71, carried a framed photograph of the church where she was married. “They want to put forty metres of water over it. Forty metres. My parents are buried behind that church.”

The dam is being built by a consortium led by the state power company Enardi and the engineering firm Kolbeck & Roth. Enardi's chief executive, Paolo Geller, has called the project “the single most important step this country can take to stop burning coal”. “When people tell me to ‘find another valley’, I ask them which one,” Geller said in an interview with the newspaper Vallora Sera last month. “Every valley has a church and a cemetery.”

The energy ministry said in a statement that the dam would supply electricity to 600,000 homes and that every displaced family would be offered a new house in the valley below.

President Mirela Cazan, who promised during her election campaign to review the project, said on Friday that an independent panel of engineers and ecologists would report to her by the end of the year.

Cazan's office said the president had asked Enardi to pause work on the main wall until the panel reports. Enardi said it had received no such request.

For Tomas Ricci, a spokesman for the alliance, that is too late. Bulldozers have already cleared an access road and part of a forest above the village of Pradel. “A review after the concrete is poured is not a review. It is an obituary.”

Not everyone in the valley opposes the dam. The mayor of Montevero, Giorgio Lanz, said the project would bring jobs and a long-promised road to the town. “My town has lost half of its young people in twenty years. I cannot tell them to stay for the view,” he said.

Environmental scientists have warned that the reservoir would also flood one of the last breeding sites of the Serra salamander. Researchers at the University of Vallora said the species could disappear within a decade if the dam is built.

Police said the march passed off peacefully, apart from a brief scuffle near the consortium's site office in which two men were detained and later released.
""",
    ann="""
O* Serra Valley Alliance
D a coalition
D Police @ Police put
P* Lucia Ferrante
D a consortium
O* Enardi
O* Kolbeck & Roth
D chief executive
P* Paolo Geller | Geller
D this country
O* Vallora Sera
D The energy ministry
P* Mirela Cazan
D an independent panel
D Organisers
D office @ Cazan's office
D the president @ the president had asked
D Environmental scientists
D Researchers
O* University of Vallora
P* Tomas Ricci
D a spokesman
D the alliance
D The mayor
P* Giorgio Lanz
R he @ view,” he said
D Police @ Police said
D the consortium
QI about 8,000 people took part ; Serra Valley Alliance ; said @ groups, said
QD They want to put ; Lucia Ferrante ; -
QD the single most important ; Paolo Geller ; called
QD When people tell me ; Geller @ Geller said ; said @ Geller said
QD Every valley has a church ; Geller @ Geller said ; said @ Geller said
QI the dam would supply ; The energy ministry ; said @ ministry said
QI an independent panel ; Mirela Cazan ; said @ project, said
QI the president had asked ; office @ Cazan's office ; said @ office said
QI it had received no such ; Enardi @ Enardi said ; said @ Enardi said
QD A review after the concrete ; Tomas Ricci ; -
QI the reservoir would also flood ; Environmental scientists ; warned
QI the species could disappear ; Researchers ; said @ Vallora said
QI the project would bring jobs ; Giorgio Lanz ; said @ Lanz, said
QD My town has lost ; Giorgio Lanz ; said @ view,” he said
QI the march passed off ; Police @ Police said ; said @ Police said
""",
)

# ---------------------------------------------------------------- eval-15
add(
    id="eval-15",
    title="Corvessa expels three Kestrian diplomats over port espionage claims",
    text="""
PORT LISLE — Corvessa expelled three Kestrian diplomats on Wednesday, accusing them of trying to recruit officials at the port authority to pass on information about naval movements.

The Corvessan foreign ministry said the three, including the embassy's deputy head of mission, had been given 72 hours to leave the country. It did not name them.

Foreign Minister Sofia Lindgren-Abara was quoted by the state news agency CNA as saying that the evidence against the diplomats had been gathered over more than a year. “Corvessa is a small country, but it is not a naive one,” she added. “Anyone who confuses the two will be disappointed.”

The port authority's director, Mikael Strom, was quoted in a ministry statement as saying that no sensitive information had been passed on and that the officials who were approached had reported the contacts themselves.

In Dorvik, Kestria's foreign ministry rejected the accusations as baseless and said it would respond in kind. The Kestrian ambassador to Corvessa, Lars Tidemand, was quoted by the Port Lisle Gazette as saying: “We have heard a story, but we have not seen a single piece of evidence that a court would accept.”

Relations between the two countries have been strained since Kestria objected last year to a Corvessan plan to let allied navies use the deep-water port at Halsey. Kestrian officials have repeatedly described the plan as a threat to regional stability.

Prime Minister Rafael Oduya told parliament on Wednesday afternoon that the government had informed its allies before announcing the expulsions. He said Corvessa wanted good relations with all its neighbours. “Good relations begin with respect for our laws,” he said.

The opposition leader, Helena Marsh-Tavi, said she supported the expulsions but questioned why the government had waited so long. “If the ministry knew for a year, the public should ask what else was passed on in that year,” she said.

The Kestrian state broadcaster KTV reported on Wednesday evening that Kestria's foreign minister, Arvid Pell, had told a meeting of ambassadors in Dorvik that two Corvessan diplomats would be asked to leave by the end of the week.

Anja Korhonen, who studies intelligence services at the University of Port Lisle, said expulsions of this kind were usually followed by a reciprocal move within days. “The choreography is almost always the same. Three out, three out,” she said.

The Kestrian embassy in Port Lisle, a grey villa on the seafront, was closed to visitors on Wednesday afternoon. A handwritten note on the gate said consular services would resume on Monday.
""",
    ann="""
G Corvessa @ PORT LISLE — Corvessa
D three Kestrian diplomats
D officials @ recruit officials
D the port authority @ officials at the port authority
D The Corvessan foreign ministry
D the three
D the embassy's deputy head of mission
P* Sofia Lindgren-Abara
O* CNA
D the diplomats @ against the diplomats
G Corvessa @ “Corvessa is
R she @ she added
D The port authority's director
P* Mikael Strom
D the officials @ that the officials
G Kestria @ Dorvik, Kestria's
D foreign ministry @ Kestria's foreign ministry
D The Kestrian ambassador
P* Lars Tidemand
O* Port Lisle Gazette
D the two countries
G Kestria @ since Kestria
D Kestrian officials
P* Rafael Oduya
D parliament
D the government @ the government had informed
D its allies
R He @ He said Corvessa
G Corvessa @ He said Corvessa
R he @ laws,” he said
D The opposition leader
P* Helena Marsh-Tavi
D the government @ why the government
D the ministry @ If the ministry
R she @ year,” she said
O* KTV
G Kestria @ that Kestria's foreign
D foreign minister
P* Arvid Pell
D two Corvessan diplomats
P* Anja Korhonen
O* University of Port Lisle
R she @ out,” she said
D The Kestrian embassy
QI the three, including ; The Corvessan foreign ministry ; said @ ministry said the three
QI the evidence against ; Sofia Lindgren-Abara ; was quoted by the state news agency CNA as saying
QD Corvessa is a small country ; Sofia Lindgren-Abara ; added
QD Anyone who confuses ; Sofia Lindgren-Abara ; added
QI no sensitive information ; Mikael Strom ; was quoted in a ministry statement as saying
QI it would respond in kind ; foreign ministry @ Kestria's foreign ministry ; said @ baseless and said
QD We have heard a story ; Lars Tidemand ; was quoted by the Port Lisle Gazette as saying
QI the government had informed ; Rafael Oduya ; told @ Oduya told
QI Corvessa wanted good relations ; Rafael Oduya ; said @ He said Corvessa
QD Good relations begin ; Rafael Oduya ; said @ laws,” he said
QI she supported the expulsions >> supported the expulsions ; Helena Marsh-Tavi ; said @ Marsh-Tavi, said
QD If the ministry knew ; Helena Marsh-Tavi ; said @ year,” she said
QI two Corvessan diplomats would ; Arvid Pell ; told @ had told
QI expulsions of this kind ; Anja Korhonen ; said @ Lisle, said
QD The choreography ; Anja Korhonen ; said @ out,” she said
QI consular services would resume ; - ; said @ gate said
""",
)

# ---------------------------------------------------------------- eval-16
add(
    id="eval-16",
    title="Tarvanian court strikes down warrantless phone-tapping powers",
    text="""
SELMO — Tarvania's Constitutional Court on Thursday struck down key parts of a surveillance law that allowed the intelligence services to tap phones without a judge's approval, dealing a setback to the government a year before national elections.

In a seven-to-two ruling, the court said that monitoring without prior judicial authorisation violated the constitutional right to private correspondence. Reading out the decision, Chief Justice Amalia Rusu said the state had a duty to protect its citizens from terrorism. “But it may not do so by turning every citizen into a suspect,” she said.

In a dissenting opinion, two judges argued that the majority had ignored the speed at which security threats now develop.

The news website Selmo Direct reported on Wednesday that Interior Minister Radovan Hrom had told cabinet colleagues that the government would draft a new law within weeks if the court ruled against it. On Thursday, Hrom said the government respected the ruling but regretted it. “The court has told us what we may not do. It has not told us how to stop the next attack,” he said.

The State Security Service, whose headquarters are in the northern town of Velka, said in a short statement that it would comply with the ruling. It said no current operations would be compromised.

Hrom's predecessor, Lidia Kos, who drafted the original law in 2016, said in a radio interview that the court had “misunderstood how modern terrorism works”.

The case was brought by the Tarvanian Civil Liberties Union and a group of 41 opposition lawmakers. The union's lead lawyer, Petr Dvorsky, said the decision would force the security service to delete recordings made under the annulled provisions. “Thousands of people were listened to for reasons they will never know,” he said outside the court. “Today they have been given their privacy back.”

Civil liberties campaigners gathered outside the court building in central Selmo cheered as the ruling was read out. Some held up old rotary telephones painted red.

Tomasz Wren, a constitutional law professor at Selmo University, said the ruling was among the most significant since the court was founded in 1991. He said it would make it harder for any future government to pass emergency powers without judicial oversight.

Opposition leader Marek Dorn called the ruling “a victory for every Tarvanian with a telephone”. His Civic Renewal party has promised to repeal the remaining provisions of the law if it wins the election.

The court gave parliament six months to pass new rules. The ruling said that until then any interception must be approved in advance by a judge.
""",
    ann="""
G Tarvania @ Tarvania's Constitutional
O* Constitutional Court
D the intelligence services
D the government @ setback to the government
D the court @ the court said that
P* Amalia Rusu
D the state @ the state had a duty
R she @ suspect,” she said
D two judges
D the majority
O* Selmo Direct
P* Radovan Hrom | Hrom
D cabinet colleagues
D the government @ that the government would draft
D the court @ if the court ruled
D the government @ Hrom said the government
D The court @ “The court has
R he @ attack,” he said
O* State Security Service
D predecessor
P* Lidia Kos
D the court @ that the court had
R It @ It said no current
O* Tarvanian Civil Liberties Union
D a group of 41 opposition lawmakers
D The union's lead lawyer
P* Petr Dvorsky
D the security service
R he @ know,” he said
D Civil liberties campaigners
P* Tomasz Wren
D a constitutional law professor
O* Selmo University
D the court @ since the court
R He @ He said it would
P* Marek Dorn
O* Civic Renewal
D The court @ The court gave
D parliament
QI monitoring without prior ; the court @ the court said that ; said @ the court said that
QI the state had a duty ; Amalia Rusu ; said @ Rusu said
QD But it may not do so ; Amalia Rusu ; said @ suspect,” she said
QI the majority had ignored ; two judges ; argued
QI the government would draft ; Radovan Hrom ; told @ had told
QI the government respected ; Hrom @ Hrom said ; said @ Hrom said
QD The court has told us ; Hrom @ Hrom said ; said @ attack,” he said
QI it would comply ; State Security Service ; said @ Velka, said
QI no current operations ; State Security Service ; said @ It said no current
QD misunderstood how modern ; Lidia Kos ; said @ 2016, said
QI the ruling was among ; Tomasz Wren ; said @ University, said
QI it would make it harder ; Tomasz Wren ; said @ He said it would
QI the decision would force ; Petr Dvorsky ; said @ Dvorsky, said
QD Thousands of people ; Petr Dvorsky ; said @ know,” he said
QD Today they have been given ; Petr Dvorsky ; said @ know,” he said
QD a victory for every Tarvanian ; Marek Dorn ; called
QI until then any interception ; - ; said @ ruling said
""",
)

# ---------------------------------------------------------------- eval-17
add(
    id="eval-17",
    style="straight",
    title="Kestrian gas stops flowing to Ostrel days ahead of announced maintenance",
    text="""
VARN — Gas deliveries through the Baltrava pipeline from Kestria to Ostrel stopped on Monday morning, two days earlier than the pipeline's operator had announced, raising fears of shortages as temperatures across the region fell well below freezing.

Baltrava Transit, the Kestrian company that runs the pipeline, said the shutdown was needed to repair a compressor station near the border town of Mirov. In a statement posted on its website, the company said it expected the work to take nine days. "Safety comes before schedules. We will not run a damaged compressor through the winter," it said.

Ostrel's energy minister, Petra Solheim, said her government had been given less than twelve hours' notice. "This is not how a reliable partner behaves," she told reporters in Varn. "Nine days in January is not maintenance. It is a message."

The Ostrelian Energy Regulator said gas storage sites were 71 percent full, enough to cover normal demand for about seven weeks. It said industrial users could be asked to cut consumption if the cold weather continued. Households will not be affected, the regulator said.

In Dorvik, a spokesman for Kestria's economy ministry, Nils Ahlgren, said the government had played no part in the decision. "Baltrava Transit is a commercial company. Its engineers do not take instructions from ministers," he said.

Karin Voll, who follows the gas market for the consultancy Fjell Energy Advisory, said the timing was "hard to see as a coincidence," coming a week after Ostrel's parliament approved plans for a new pipeline from Corvessa. She said prices on the regional spot market had risen by 18 percent since Friday.

The Ostrelian Chemical Industry Association warned that some plants would have to close if supplies were rationed. "Our members can survive a cold week. They cannot survive a cold week without gas," said its director, Olof Sandqvist.

The Union of Northern States' energy commissioner, Petter Lie, said the bloc was in contact with both governments and would convene its gas coordination group on Wednesday. About a third of Ostrelians heat their homes with gas.

Opposition leader Gustav Rehn accused the government of ignoring repeated warnings about the country's dependence on a single supplier. He said his party would call for an emergency debate on Tuesday.

Baltrava Transit's chief engineer, Henrik Lund, told the Kestrian news agency KNA that the damaged compressor had been running at reduced capacity since November. According to Lund, spare parts had been ordered from a manufacturer in Germany in early December but had arrived only last week.
""",
    ann="""
D the pipeline's operator
O* Baltrava Transit
D the Kestrian company
D the company @ the company said it expected
R it @ winter," it said
G Ostrel @ Ostrel's energy
D energy minister
P* Petra Solheim
D her government
R she @ she told reporters
O* Ostrelian Energy Regulator
R It @ It said industrial
D the regulator @ the regulator said
D a spokesman
G Kestria @ Kestria's economy
D economy ministry
P* Nils Ahlgren
D the government @ the government had played
D Its engineers
R he @ ministers," he said
P* Karin Voll
O* Fjell Energy Advisory
G Ostrel @ Ostrel's parliament
D parliament
R She @ She said prices
O* Ostrelian Chemical Industry Association
D its director
P* Olof Sandqvist
O* Union of Northern States
D energy commissioner
P* Petter Lie
D the bloc
D both governments
D its gas coordination group
N Ostrelians
P* Gustav Rehn
D the government @ accused the government
R He @ He said his party
D his party
D chief engineer
P* Henrik Lund | Lund
O* KNA
QI the shutdown was needed ; Baltrava Transit #1 ; said @ pipeline, said
QI it expected the work ; the company @ the company said it expected ; said @ the company said it expected
QD Safety comes before ; Baltrava Transit #1 ; said @ winter," it said
QI her government had been given ; Petra Solheim ; said @ Solheim, said
QD This is not how ; Petra Solheim ; told @ she told reporters
QD Nine days in January ; Petra Solheim ; told @ she told reporters
QI gas storage sites were ; Ostrelian Energy Regulator ; said @ Regulator said
QI industrial users could ; Ostrelian Energy Regulator ; said @ It said industrial
QI Households will not be affected >> not be affected ; the regulator @ the regulator said ; said @ the regulator said
QI the government had played ; Nils Ahlgren ; said @ Ahlgren, said
QD Baltrava Transit is a commercial ; Nils Ahlgren ; said @ ministers," he said
QD hard to see as a coincidence ; Karin Voll ; said @ Advisory, said
QI prices on the regional ; Karin Voll ; said @ She said prices
QI some plants would have to close ; Ostrelian Chemical Industry Association ; warned
QD Our members can survive ; Olof Sandqvist ; said @ said its director
QI the bloc was in contact ; Petter Lie ; said @ Lie, said
QI his party would call ; Gustav Rehn ; said @ He said his party
QI the damaged compressor ; Henrik Lund ; told @ Lund, told
QI spare parts had been ordered ; Lund @ According to Lund ; According to
""",
)

# ---------------------------------------------------------------- eval-18
add(
    id="eval-18",
    title="Wildfires force thousands to flee Corvessa's southern coast",
    text="""
MARROW BAY — Firefighters on Corvessa's southern coast were battling three large wildfires on Sunday after strong winds pushed the flames towards holiday resorts, forcing the evacuation of about 6,000 residents and tourists.

According to the national fire service, more than 4,200 hectares of forest and scrubland have burned since Friday, and two firefighters have been taken to hospital with burns.

The service's chief, Dylan Achterberg, said the fires were the most serious on the island in fifteen years. “We are fighting on three fronts with the resources for one,” he told local radio. “The wind decides where we go, not us.”

“Leave now. Do not stop to pack,” said a text alert sent to every phone in the district shortly before midnight on Saturday. Hundreds of cars then queued for hours on the single coast road out of Marrow Bay.

According to police, at least one of the fires was started deliberately. A police spokeswoman, Tamsin Hale, said a man had been arrested near the village of Cobb's Cross on Saturday afternoon and was being questioned.

Prime Minister Rafael Oduya, who cut short a visit to Ostrel to return home, said the government would ask neighbouring countries for water-bombing aircraft under a regional assistance agreement. “We will rebuild what burns. What we cannot rebuild is a life, so please listen to the firefighters,” he said at a command post outside the town.

The Corvessan Hotel Association said about 40 hotels had been evacuated and that most guests had been moved to Port Lisle. Its chairwoman, Fiona Quayle, said the industry would need help from the state to survive the rest of the season.

Meteorologists at the Corvessan Weather Service said the wind would ease on Monday evening, but warned that no significant rain was forecast before the end of the month.

The island's environment agency said the burned area included a large part of the Hollins Wood nature reserve, home to several rare bird species. “Some of what we lost this weekend took three hundred years to grow,” said the agency's chief ecologist, Rowan Pike.

Red Lantern Relief said it had set up two shelters in school sports halls in Port Lisle and was caring for about 900 people. It said it needed more volunteers with first-aid training.

In the village of Tolland, Edgar Penhale, 80, refused to leave his farm. “I have been here through four fires. My father was here through five,” he told a fire crew who came to his door. The crew left him a radio and a wet blanket. Officials said it could take weeks to assess the full extent of the damage.
""",
    ann="""
D Firefighters @ MARROW BAY — Firefighters
D the national fire service
D The service's chief
P* Dylan Achterberg
R he @ he told local radio
D local radio
D police @ According to police
D A police spokeswoman
P* Tamsin Hale
P* Rafael Oduya
D the government
D the firefighters
R he @ firefighters,” he said
O* Corvessan Hotel Association
D Its chairwoman
P* Fiona Quayle
D the state
D Meteorologists
O* Corvessan Weather Service
D The island's environment agency
D the agency's chief ecologist
P* Rowan Pike
O* Red Lantern Relief
R It @ It said it needed
P* Edgar Penhale
R he @ he told a fire crew
D a fire crew
D The crew
D Officials
QI more than 4,200 hectares ; the national fire service ; According to @ According to the national
QI the fires were the most serious ; Dylan Achterberg ; said @ Achterberg, said
QD We are fighting on three ; Dylan Achterberg ; told @ he told local radio
QD The wind decides ; Dylan Achterberg ; told @ he told local radio
QD Leave now ; - ; said @ said a text alert
QI at least one of the fires ; police @ According to police ; According to @ According to police
QI a man had been arrested ; Tamsin Hale ; said @ Hale, said
QI the government would ask ; Rafael Oduya ; said @ home, said
QD We will rebuild ; Rafael Oduya ; said @ firefighters,” he said
QI about 40 hotels had been ; Corvessan Hotel Association ; said @ Association said
QI the industry would need help ; Fiona Quayle ; said @ Quayle, said
QI the wind would ease >> on Monday evening ; Meteorologists ; said @ Service said
QI no significant rain ; Meteorologists ; warned
QI the burned area included ; The island's environment agency ; said @ agency said
QD Some of what we lost ; Rowan Pike ; said @ said the agency's
QI it had set up two shelters ; Red Lantern Relief ; said @ Relief said
QI it needed more volunteers ; Red Lantern Relief ; said @ It said it needed
QI it could take weeks ; Officials ; said @ Officials said
QD I have been here ; Edgar Penhale ; told @ he told a fire crew
""",
)

# ---------------------------------------------------------------- eval-19
add(
    id="eval-19",
    title="Marenzian budget scrapes through parliament after fuel duty U-turn",
    text="""
PALLADO — Marenzia's parliament approved the government's budget for next year by a margin of just three votes on Wednesday, after a marathon debate in which the finance minister was forced to drop a planned increase in fuel duty.

The budget passed by 112 votes to 109, with four abstentions. Finance Minister Paul Anker-Sey said the plan would cut the deficit to 3.1 percent of economic output next year, from 4.6 percent this year.

Speaking before the vote, the minister told lawmakers that dropping the fuel duty increase would cost the treasury about 400 million lira. “I would rather have a budget with a hole in it than no budget at all,” the minister said. “Holes can be filled. Chaos cannot.”

The Farmers' Party, the smallest member of the three-party coalition, had threatened to vote against the budget unless the increase was scrapped. Its leader, Stefan Doru, said the party had kept its promise to people in the countryside. “In a village, a car is not a luxury. It is the bus that does not exist,” Doru said.

The opposition was scathing. “The minister calls this ‘responsible’. I call it a budget written by people who have never had to fill a tank,” said the leader of the opposition Green Left, Irena Vasko. She said her party would challenge two of the budget's tax measures in the Constitutional Court.

Under the final version of the budget, spending on defence rises by 6 percent and pensions by 4 percent, while most ministries face cuts of between 2 and 5 percent. The health ministry's budget is frozen. The Marenzian Trade Union Confederation said the freeze amounted to a cut in real terms and announced a protest march for 2 December.

Prime Minister Adrian Castell, who spent much of the week negotiating with coalition partners, thanked lawmakers for what he called “a difficult but honest compromise”. On Thursday morning the prime minister said he had no plans to reshuffle the cabinet.

The central bank, which has repeatedly urged the government to rein in spending, said in a statement that the budget was consistent with its goal of bringing inflation down. The bank's governor, Elena Forsgaard, has warned that loose fiscal policy would force further interest rate increases.

Outside parliament, a few hundred protesters banged pots and pans throughout the evening. “When I hear the word ‘savings’ from this government, I hold on to my purse,” said one protester, a retired nurse.

Corbel Ratings, which downgraded Marenzia's debt in March, said the narrow margin showed how fragile the coalition had become.
""",
    ann="""
G Marenzia @ Marenzia's parliament
D parliament @ Marenzia's parliament
D the government @ the government's budget
D the finance minister
P* Paul Anker-Sey
D the minister @ the minister told
D lawmakers @ told lawmakers
D the treasury
D the minister @ the minister said
O* Farmers' Party
D the smallest member
D the three-party coalition
D Its leader
P* Stefan Doru | Doru
D the party @ the party had kept
D The opposition
D The minister @ “The minister calls
D the leader
O* Green Left
P* Irena Vasko
R She @ She said her party
D her party
O* Constitutional Court
D The health ministry
O* Marenzian Trade Union Confederation
P* Adrian Castell
D coalition partners
D lawmakers @ thanked lawmakers
R he @ he called
D the prime minister
D the cabinet
D The central bank
D the government @ urged the government
D The bank's governor
P* Elena Forsgaard
D a few hundred protesters
D this government
D one protester
D a retired nurse
O* Corbel Ratings
D the coalition @ fragile the coalition
QI the plan would cut ; Paul Anker-Sey ; said @ Anker-Sey said
QI dropping the fuel duty ; the minister @ the minister told ; told
QD I would rather have ; the minister @ the minister said ; said @ the minister said
QD Holes can be filled ; the minister @ the minister said ; said @ the minister said
QI the party had kept ; Stefan Doru ; said @ Doru, said
QD In a village ; Doru @ Doru said ; said @ Doru said
QD The minister calls this ; Irena Vasko ; said @ said the leader
QI her party would challenge ; Irena Vasko ; said @ She said her party
QI the freeze amounted >> in real terms ; Marenzian Trade Union Confederation ; said @ Confederation said
QD a difficult but honest ; Adrian Castell ; called
QI he had no plans ; the prime minister ; said @ the prime minister said
QI the budget was consistent ; The central bank ; said @ spending, said
QI loose fiscal policy ; Elena Forsgaard ; warned
QD When I hear the word ; one protester ; said @ said one protester
QI the narrow margin showed ; Corbel Ratings ; said @ March, said
""",
)

# ---------------------------------------------------------------- eval-20
add(
    id="eval-20",
    title="Arvel Motors to close Trebin plant, cutting 2,800 jobs",
    text="""
TREBIN — Arvel Motors will close its assembly plant in the Tarvanian town of Trebin by the end of next year, cutting 2,800 jobs, the carmaker announced on Tuesday.

The company, which is owned by the Ostrelian group Kessel Industries, said falling demand for petrol cars and high energy costs had made the plant unprofitable. Production of its two models will move to a newer factory in Ostrel, it said.

Outside the factory gates, workers leaving the morning shift gathered around a noticeboard where the announcement had been pinned. Daniel Mraz has worked at the plant for 26 years, as did his father before him. “Three generations of my family built cars here. My son will be the one who turns off the lights.”

The Tarvanian Metalworkers' Union called the decision “a betrayal” and said it would demand urgent talks with the owners. Its regional secretary, Agnes Holub, said the company had received 60 million crowns in state subsidies for the plant since 2015. “Those subsidies came with promises. We intend to hold them to every single one,” she said.

Economy Minister Jakub Sedlar said he had spoken to Arvel's chief executive on Monday night and would ask the company to repay part of the subsidies. Sedlar was blunt about the decision. “If you take public money, you do not get to leave quietly.”

Trebin's mayor, Ota Kral, said the plant accounted for nearly a third of all jobs in the town, including suppliers. He said the council would ask the government to declare Trebin a special economic zone to attract new investors.

Arvel Motors said it would offer retraining and early retirement packages, and that there would be no compulsory redundancies before June. The union's demands for a guarantee that the plant would keep running until a buyer is found were rejected, according to Holub.

In Varn, Kessel Industries said the expansion of its Ostrelian plant would create about 900 jobs over three years. Ostrel's economy ministry welcomed the news.

Around forty local firms supply parts to the Trebin plant. Marta Cerna, who runs a company making seat covers with 120 employees, said most of her business depended on Arvel. “We heard about it on the radio like everyone else,” she said. “Nobody from Arvel has called us.”

Analysts said the closure reflected a wider shift in the industry. “Tarvania built its car industry on cheap energy and cheap labour. It no longer has either,” said Lena Bauer, an analyst at the Selmo investment bank Tarvex Capital. Arvel has built cars in Trebin since 1962.
""",
    ann="""
O* Arvel Motors | Arvel
D the carmaker
D The company @ The company, which
O* Kessel Industries
R it @ Ostrel, it said
D workers @ workers leaving
P* Daniel Mraz
O* Tarvanian Metalworkers' Union
D the owners
D Its regional secretary
P* Agnes Holub | Holub
D the company @ the company had received
R she @ one,” she said
P* Jakub Sedlar | Sedlar
D chief executive
D the company @ ask the company
G Trebin @ Trebin's mayor
D mayor @ Trebin's mayor
P* Ota Kral
R He @ He said the council
D the council
D the government
D The union @ The union's demands
G Ostrel @ Ostrel's economy
D economy ministry
P* Marta Cerna
R she @ else,” she said
D Analysts
G Tarvania @ “Tarvania built
P* Lena Bauer
D an analyst
O* Tarvex Capital
QI Arvel Motors will close >> cutting 2,800 jobs ; the carmaker ; announced
QI falling demand for petrol ; The company @ The company, which ; said @ Industries, said
QI Production of its two models >> in Ostrel ; Arvel Motors #1 ; said @ Ostrel, it said
QD Three generations ; Daniel Mraz ; -
QD a betrayal ; Tarvanian Metalworkers' Union ; called @ Union called
QI it would demand urgent talks ; Tarvanian Metalworkers' Union ; said @ and said it would demand
QI the company had received ; Agnes Holub ; said @ Holub, said
QD Those subsidies came ; Agnes Holub ; said @ one,” she said
QI he had spoken to ; Jakub Sedlar ; said @ Sedlar said
QD If you take public money ; Sedlar @ Sedlar was blunt ; -
QI the plant accounted ; Ota Kral ; said @ Kral, said
QI the council would ask ; Ota Kral ; said @ He said the council
QI it would offer retraining ; Arvel Motors @ Arvel Motors said it ; said @ Arvel Motors said it
QI The union's demands for a guarantee >> were rejected ; Holub @ according to Holub ; according to
QI the expansion of its Ostrelian ; Kessel Industries @ Varn, Kessel Industries said ; said @ Industries said the expansion
QI most of her business ; Marta Cerna ; said @ employees, said
QD We heard about it ; Marta Cerna ; said @ else,” she said
QD Nobody from Arvel ; Marta Cerna ; said @ else,” she said
QI the closure reflected ; Analysts ; said @ Analysts said
QD Tarvania built its car ; Lena Bauer ; said @ said Lena
""",
)

# ---------------------------------------------------------------- eval-21
add(
    id="eval-21",
    title="Kestrian coalition near collapse over police surveillance of lawmakers",
    text="""
DORVIK — Kestria's governing coalition was on the brink of collapse on Friday after the junior partner, the Liberal Centre, said it would leave the government unless Prime Minister Lena Marsk dismissed her interior minister over a police surveillance scandal.

The interior minister, Gustav Lindahl, has been under pressure since the Dorvik Ledger revealed last week that police had monitored the phones of two opposition lawmakers for five months as part of an investigation into leaks from a parliamentary committee.

Liberal Centre leader Hanna Sjoberg was quoted by the newspaper Kestria Today as saying: “We cannot sit at a cabinet table with a minister who spies on parliament.” Her party holds 14 of the coalition's 91 seats in the 170-member assembly.

Lindahl has denied knowing about the surveillance. He was quoted by state radio as saying that the operation had been authorised by a judge and that he had learned of it from the newspaper like everyone else.

Marsk, speaking after an emergency cabinet meeting, said she would decide on Lindahl's future after reading a report from the police oversight board, expected on Monday. “I will not sack a minister because of a headline, and I will not protect one out of loyalty,” she said.

Marsk's own party, the Social Alliance, has so far stood by the interior minister. Its parliamentary leader, Ole Sandvik, said on Friday that Lindahl deserved the chance to present his side of the story to the board. If the Liberal Centre leaves, Marsk would lose her majority and would have to seek the support of smaller parties or call an early election, constitutional experts said.

The board's chairman, Erik Falk, was quoted by the Dorvik Ledger as saying the report would name every official who had approved the operation.

The opposition Kestrian People's Party, two of whose lawmakers were among those monitored, has called for early elections. Its leader, Martin Dahl, told parliament that the government had lost any claim to moral authority. “A government that listens to the opposition's phone calls has stopped listening to the country,” he said.

One of the two monitored lawmakers, Sara Heikel, said she had been told about the surveillance by a police officer who was uncomfortable with it. “He came to my constituency office and said, ‘You should know what is happening.’ Then he left,” she said.

A poll published by the Ledger on Friday found that 58 percent of Kestrians wanted Lindahl to resign and only 24 percent wanted him to stay.
""",
    ann="""
G Kestria @ Kestria's governing
D governing coalition
D the junior partner
O* Liberal Centre
D the government @ leave the government
P* Lena Marsk | Marsk
D her interior minister
D The interior minister
P* Gustav Lindahl | Lindahl
O* Dorvik Ledger | Ledger
D police @ that police had
D two opposition lawmakers
D a parliamentary committee
P* Hanna Sjoberg
O* Kestria Today
D Her party
D the coalition @ the coalition's 91
D the 170-member assembly
R He @ He was quoted
D state radio
D the newspaper @ from the newspaper
D the police oversight board
R she @ loyalty,” she said
D own party
O* Social Alliance
D the interior minister @ stood by the interior minister
D Its parliamentary leader
P* Ole Sandvik
D the board @ story to the board
D constitutional experts
D The board's chairman
P* Erik Falk
O* Kestrian People's Party
D Its leader
P* Martin Dahl
D parliament @ told parliament
D the government @ that the government had lost
D the opposition @ the opposition's phone
R he @ country,” he said
D One of the two monitored lawmakers
P* Sara Heikel
D a police officer
R she @ left,” she said
N Kestrians
QI it would leave the government ; Liberal Centre @ the Liberal Centre, said ; said @ Centre, said
QD We cannot sit ; Hanna Sjoberg ; was quoted by the newspaper Kestria Today as saying
QI the operation had been authorised ; Lindahl @ Lindahl has denied ; was quoted by state radio as saying
QI she would decide ; Marsk @ Marsk, speaking ; said @ meeting, said
QD I will not sack ; Marsk @ Marsk, speaking ; said @ loyalty,” she said
QI Lindahl deserved the chance ; Ole Sandvik ; said @ Sandvik, said
QI If the Liberal Centre leaves >> call an early election ; constitutional experts ; said @ experts said
QI the report would name ; Erik Falk ; was quoted by the Dorvik Ledger as saying
QI the government had lost ; Martin Dahl ; told @ Dahl, told
QD A government that listens ; Martin Dahl ; said @ country,” he said
QI she had been told about ; Sara Heikel ; said @ Heikel, said
QD He came to my constituency ; Sara Heikel ; said @ left,” she said
""",
)

# ---------------------------------------------------------------- eval-22
add(
    id="eval-22",
    title="Ardenzan patients wait nearly a year for routine surgery, auditors say",
    text="""
VALLORA — Patients in Ardenza are waiting an average of eleven months for routine surgery, nearly twice as long as five years ago, the national audit office said on Monday.

The office said a shortage of anaesthetists was the main cause of the delays, and that 40 percent of operating theatres in public hospitals were in use for less than half of the working day. Its report, the first full review of waiting lists since 2015, covered 212 hospitals.

Local media reports say Health Minister Tomas Varga told a parliamentary committee last week that the government would recruit 600 doctors from abroad by the summer. According to the newspaper Vallora Sera, the minister also told the committee that private clinics would be paid to carry out 50,000 operations before the end of the year.

The Ardenzan Medical Association said the recruitment target was unrealistic. “You cannot import 600 anaesthetists in six months when every health service in Europe is looking for the same people,” said its president, Clara Moretti. She said many young Ardenzan doctors had themselves left to work abroad because of low pay.

At St Ambrose Hospital in Vallora, one of the largest in the country, the waiting list for knee and hip operations has grown to more than 3,000 names. “We have the surgeons and we have the rooms. What we do not have is enough people to put patients to sleep,” said the hospital's director, Dario Vescovi. “Some days two theatres stand empty while the corridor outside is full.”

Anna Rinaldi, 54, has been waiting fourteen months for a hip replacement. She walks with two sticks and has stopped working. “They sent me a letter to say I am on the list. That was the last letter anyone sent me,” she said.

The Association of Private Hospitals said its members could start extra operations within weeks if the state agreed to pay in advance. Its director, Luca Benedetti, said private theatres had about 20 percent spare capacity.

In a statement, the health ministry said the audit office's figures did not reflect improvements made since January, when a new booking system was introduced. It said waiting times had fallen in six of the country's twelve regions since then.

Opposition lawmakers demanded that Varga appear before parliament to explain the figures. President Mirela Cazan, who made health care a central theme of her election campaign, is due to meet hospital directors on Thursday. Her spokesman said the president would ask each region for a recovery plan within sixty days.
""",
    ann="""
D the national audit office
D The office @ The office said
P* Tomas Varga | Varga
D a parliamentary committee
D the government @ that the government would
O* Vallora Sera
D the minister @ the minister also told
D the committee @ told the committee
O* Ardenzan Medical Association
D its president
P* Clara Moretti
R She @ She said many
D the hospital's director
P* Dario Vescovi
P* Anna Rinaldi
R she @ sent me,” she said
O* Association of Private Hospitals
D its members @ said its members
D the state
D Its director
P* Luca Benedetti
D the health ministry
D the audit office @ the audit office's figures
R It @ It said waiting
D Opposition lawmakers
D parliament @ before parliament
P* Mirela Cazan
D hospital directors
D Her spokesman
D the president
QI Patients in Ardenza are waiting >> five years ago ; the national audit office ; said @ office said on
QI a shortage of anaesthetists ; The office @ The office said ; said @ The office said
QI the government would recruit ; Tomas Varga ; told @ Varga told
QI private clinics would be paid ; the minister @ the minister also told ; told @ the minister also told
QI the recruitment target was unrealistic ; Ardenzan Medical Association ; said @ Association said
QD You cannot import ; Clara Moretti ; said @ said its president
QI many young Ardenzan doctors ; Clara Moretti ; said @ She said many
QD We have the surgeons ; Dario Vescovi ; said @ said the hospital's
QD Some days two theatres ; Dario Vescovi ; said @ said the hospital's
QD They sent me a letter ; Anna Rinaldi ; said @ sent me,” she said
QI the audit office's figures ; the health ministry ; said @ ministry said
QI waiting times had fallen ; the health ministry ; said @ It said waiting
QI Varga appear before parliament ; Opposition lawmakers ; demanded
QI its members could start ; Association of Private Hospitals ; said @ Hospitals said
QI private theatres had ; Luca Benedetti ; said @ Benedetti, said
QI the president would ask ; Her spokesman ; said @ spokesman said
""",
)

# ---------------------------------------------------------------- eval-23
add(
    id="eval-23",
    style="straight",
    title="Varn metro line delayed again over signalling faults",
    text="""
VARN — The opening of Varn's new metro line has been postponed for at least eight months because of faults in its signalling system, the city's transport authority said on Thursday, in the latest setback for a project that is already two years late and 40 percent over budget.

According to the Varn Transport Authority, tests in September found that trains on the 14-kilometre Line 4 braked sharply and without warning when passing between two of the line's eleven stations. Nobody was hurt during the tests.

The authority's director, Ellen Marstrand, said the supplier, the Corvessan engineering group Halsey Signal Systems, had accepted responsibility for the faults. "We will not open a line that we would not put our own children on," she told a news conference. "When it opens, it will work."

Halsey Signal Systems, which is based in Port Lisle, said in a statement that corrected software would be delivered by the end of the year. It said it regretted the delay and was working closely with the authority.

The authority said the faults were linked to the way the Halsey software communicated with the trains, which were built by a different company. Moravo Rail, the train maker, whose headquarters are in Pallado, said its vehicles had performed as specified. It said it would support the authority in resolving the problem.

According to Mayor Johan Tvedt, the city will seek up to 90 million crowns in compensation from the supplier under penalty clauses in the contract. Tvedt, who is seeking re-election in May, called the delay "deeply frustrating for every family in the eastern suburbs."

Councillor Rita Okonjo of the opposition Green List said the problems had been foreseeable. "We warned in 2019 that the contract was being rushed. Nobody wanted to listen," she said. "Now the city is paying for its own impatience."

Commuters in the eastern suburbs, who were promised a 20-minute journey to the centre, will have to keep using replacement buses. "I have been hearing 'next year' for three years now," said Sven Aaberg, a nurse who travels in from Lindholm every morning. "My bus takes 55 minutes on a good day."

The national transport ministry, which paid for a third of the line, said it would not increase its contribution to cover the additional costs. Its spokesman, Anders Wiik, said the city and the supplier should settle the matter between them.

Construction of Line 4 began in 2017. The city originally expected it to carry 90,000 passengers a day. It is the largest public works project in Varn since the 1970s.
""",
    ann="""
D the city's transport authority
O* Varn Transport Authority
D The authority's director
P* Ellen Marstrand
D the supplier @ said the supplier
O* Halsey Signal Systems | Halsey
R she @ she told
R It @ It said it regretted
D the authority @ with the authority
D The authority @ The authority said
O* Moravo Rail
D the train maker
R It @ It said it would support
D the authority @ support the authority
P* Johan Tvedt | Tvedt
D the city @ the city will seek
D the supplier @ from the supplier
P* Rita Okonjo
O* Green List
R she @ listen," she said
D the city @ Now the city
D Commuters
P* Sven Aaberg
D a nurse
D The national transport ministry
D Its spokesman
P* Anders Wiik
D the city @ the city and the supplier
D the supplier @ and the supplier
D The city @ The city originally
QI The opening of Varn's new metro line >> in its signalling system ; the city's transport authority ; said @ transport authority said
QI tests in September found ; Varn Transport Authority ; According to @ According to the Varn
QI the supplier, the Corvessan ; Ellen Marstrand ; said @ Marstrand, said
QD We will not open ; Ellen Marstrand ; told
QD When it opens ; Ellen Marstrand ; told
QI corrected software ; Halsey Signal Systems @ Halsey Signal Systems, which ; said @ Lisle, said
QI it regretted the delay ; Halsey Signal Systems @ Halsey Signal Systems, which ; said @ It said it regretted
QI the faults were linked ; The authority @ The authority said ; said @ The authority said
QI its vehicles had performed ; Moravo Rail ; said @ Pallado, said
QI it would support the authority ; Moravo Rail ; said @ It said it would support
QI the city will seek ; Johan Tvedt ; According to @ According to Mayor
QD deeply frustrating ; Tvedt @ Tvedt, who ; called
QI the problems had been foreseeable ; Rita Okonjo ; said @ Green List said
QD We warned in 2019 ; Rita Okonjo ; said @ listen," she said
QD Now the city is paying ; Rita Okonjo ; said @ listen," she said
QD I have been hearing ; Sven Aaberg ; said @ said Sven
QD My bus takes ; Sven Aaberg ; said @ said Sven
QI it would not increase ; The national transport ministry ; said @ line, said
QI the city and the supplier should ; Anders Wiik ; said @ Wiik, said
""",
)

# ---------------------------------------------------------------- eval-24
add(
    id="eval-24",
    title="Northern States summit fails to agree refugee quotas",
    text="""
LISBON — Leaders of the Union of Northern States failed on Thursday to agree on a common plan for sharing the cost of hosting refugees, after two member states blocked a proposal that would have required every country in the bloc to accept a fixed quota.

The summit, held in a conference centre on the banks of the Tagus, ended more than four hours behind schedule. Kestria and Ostrel, which together received fewer than 5 percent of the asylum seekers who reached the union last year, voted against the plan.

Kestria's Lena Marsk was the first leader to leave the building. The Kestrian prime minister told reporters that her government supported voluntary help for frontline states but would not accept numbers set by anyone else. “Solidarity cannot be ordered by a majority vote,” the Kestrian prime minister said.

Ostrel's prime minister, Jonas Erlend, said national parliaments alone should decide how many people their countries took in. Erlend was unapologetic. “My voters did not elect me to hand this decision to a committee.”

The Corvessans, who host the largest number of refugees relative to population, had pushed hardest for the quota. “The Kestrians and the Ostrelians want the benefits of the union without the bills,” said a senior Corvessan diplomat, speaking on condition of anonymity. “That cannot last.”

Corvessan Prime Minister Rafael Oduya did not hide his frustration. “Three summits, three failures. At some point the word for this is no longer delay.” He said his government would ask the union's court of arbitration whether a majority decision could be imposed.

Council President Tobias Lehner, who chaired the talks, said the proposal would be revised and presented again in March. The council president said he saw “room for a compromise” on financial contributions from countries that refuse to take in refugees.

The World Refugee Office, which has its headquarters in Geneva, said in a statement that the failure would leave frontline states to cope alone. It said more than 200,000 people had applied for asylum in the union in the first half of the year.

Outside the conference centre, around two hundred activists from the campaign group Open Borders Now held a silent vigil. “Every summit that fails is paid for by someone on a boat,” said one of the organisers, Joana Reis. Diplomats said a compromise was more likely to involve a common fund than binding numbers.

Marenzia, which abstained, said through its foreign ministry that it would back a revised plan if the quotas were replaced by financial pledges.
""",
    ann="""
D Leaders
O* Union of Northern States
D two member states
D the bloc
G Kestria @ Kestria and Ostrel, which
G Ostrel @ Kestria and Ostrel, which
D the union @ reached the union
G Kestria @ Kestria's Lena
P* Lena Marsk
D The Kestrian prime minister
D her government
D the Kestrian prime minister
G Ostrel @ Ostrel's prime
D prime minister @ Ostrel's prime minister
P* Jonas Erlend | Erlend
N The Corvessans
N The Kestrians
N the Ostrelians
D the union @ benefits of the union
D a senior Corvessan diplomat
P* Rafael Oduya
R He @ He said his government
D his government
D the union's court of arbitration
P* Tobias Lehner
D The council president
O* World Refugee Office
R It @ It said more than
D the union @ asylum in the union
D around two hundred activists
O* Open Borders Now
D one of the organisers
P* Joana Reis
D Diplomats
G Marenzia
D its foreign ministry
QI her government supported ; The Kestrian prime minister ; told
QD Solidarity cannot be ordered ; the Kestrian prime minister ; said @ the Kestrian prime minister said
QI national parliaments alone ; Jonas Erlend ; said @ Erlend, said
QD My voters did not elect ; Erlend @ Erlend was unapologetic ; -
QD The Kestrians and the Ostrelians ; a senior Corvessan diplomat ; said @ said a senior
QD That cannot last ; a senior Corvessan diplomat ; said @ said a senior
QD Three summits ; Rafael Oduya ; -
QI his government would ask ; Rafael Oduya ; said @ He said his government
QI the proposal would be revised ; Tobias Lehner ; said @ talks, said
QD room for a compromise ; The council president ; said @ president said
QI the failure would leave ; World Refugee Office ; said @ Geneva, said
QI more than 200,000 people ; World Refugee Office ; said @ It said more than
QD Every summit that fails ; Joana Reis ; said @ said one of
QI a compromise was more likely ; Diplomats ; said @ Diplomats said
QI it would back a revised plan ; Marenzia ; said @ abstained, said
""",
)
