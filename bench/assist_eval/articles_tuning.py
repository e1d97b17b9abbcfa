"""Tuning set: 8 invented news articles, written and annotated like the
evaluation set but kept apart from it (for tuning rules later).

Same conventions as articles_eval.py; see build_sets.py and README.md.
"""

ARTICLES = []


def add(**kw):
    kw.setdefault("style", "curly")
    ARTICLES.append(kw)


# ---------------------------------------------------------------- tune-01
add(
    id="tune-01",
    title="Port Lisle dockers strike over automated cranes",
    text="""
PORT LISLE — Dock workers at Corvessa's largest container terminal walked out on Monday over plans to introduce automated cranes, halting the loading of more than twenty ships and leaving hundreds of lorries queuing on the motorway into the port.

The Corvessan Dockers' Union said about 1,400 of its members had joined the 48-hour strike. Its general secretary, Moira Tennant, said the terminal's operator wanted to replace half of the workforce within three years. “They call it modernisation. We call it a redundancy notice with a press release attached,” she told a rally outside the terminal gates.

The operator, Halsey Bay Terminals, is a subsidiary of the shipping group Marlowe Line, which is based in Singapore. In a statement released in Port Lisle on Monday afternoon, the company said no jobs would be cut before 2027 and that staff would be offered retraining. “Automation is not a choice but a condition of staying competitive with the larger ports to the south,” it said.

Automation has already cut jobs at other ports in the region. At Varn, where automated cranes were introduced in 2019, the number of dock workers fell by a third in four years, according to the Ostrelian transport ministry.

Tennant said the union was not opposed to new technology as such. “Give us a say in how it is used and who benefits from it, and we will talk,” she said.

The union's demands include a guarantee that no dock worker will be made compulsorily redundant for ten years.

The harbour master's office said seven ships had been diverted to Halsey and that several others were waiting at anchor outside the port.

Transport Minister Kwame Ashdown urged both sides to return to talks and said the government was ready to appoint a mediator. He said the strike was costing the economy an estimated 30 million crowns a day.

On the motorway, Dariusz Kell, a lorry driver who had been waiting since five in the morning with a load of frozen fish, said he had not been told when he could enter the port. “The fish does not know there is a strike,” he said. “In two days it will not be fish any more.”

The Corvessan Exporters' Council warned that perishable goods worth millions of crowns were at risk. Its chairman, Simon Breck, said members had lost contracts with foreign buyers during a similar stoppage two years ago.

A spokesman for Marlowe Line in Singapore said the group was following the situation closely but would leave negotiations to local management.

Talks between the union and the terminal are scheduled for Wednesday.
""",
    ann="""
D Dock workers
O* Corvessan Dockers' Union
D its members
D Its general secretary
P* Moira Tennant | Tennant
D the Ostrelian transport ministry
D the union @ said the union was
R she @ it, and we will talk,” she said
D the terminal's operator
R she @ she told a rally
D The operator
O* Halsey Bay Terminals
O* Marlowe Line
D the company @ the company said no jobs
R it @ south,” it said
D The union @ The union's demands
D The harbour master's office
P* Kwame Ashdown
D both sides
D the government
R He @ He said the strike
P* Dariusz Kell
D a lorry driver
R he @ strike,” he said
O* Corvessan Exporters' Council
D Its chairman
P* Simon Breck
D members @ said members
D A spokesman
D the group
D local management
D the union @ between the union
D the terminal @ and the terminal
QI about 1,400 of its members ; Corvessan Dockers' Union ; said @ Union said
QI the terminal's operator wanted ; Moira Tennant ; said @ Tennant, said
QD They call it modernisation ; Moira Tennant ; told @ she told a rally
QI no jobs would be cut ; the company @ the company said no jobs ; said @ the company said no jobs
QD Automation is not a choice ; Halsey Bay Terminals ; said @ south,” it said
QI At Varn, where automated >> in four years ; the Ostrelian transport ministry ; according to
QI the union was not opposed ; Tennant @ Tennant said the union ; said @ Tennant said the union
QD Give us a say ; Tennant @ Tennant said the union ; said @ it, and we will talk,” she said
QI seven ships had been diverted ; The harbour master's office ; said @ office said
QI the government was ready ; Kwame Ashdown ; said @ talks and said
QI the strike was costing ; Kwame Ashdown ; said @ He said the strike
QI he had not been told ; Dariusz Kell ; said @ fish, said
QD The fish does not know ; Dariusz Kell ; said @ strike,” he said
QD In two days ; Dariusz Kell ; said @ strike,” he said
QI perishable goods worth ; Corvessan Exporters' Council ; warned
QI members had lost contracts ; Simon Breck ; said @ Breck, said
QI the group was following ; A spokesman ; said @ Singapore said
""",
)

# ---------------------------------------------------------------- tune-02
add(
    id="tune-02",
    title="Ardenza's National Museum to return Oruna Bronzes to Belisar",
    text="""
VALLORA — Ardenza's National Museum will return eleven bronze figures to Belisar, ending a dispute that has soured relations between the two countries for more than thirty years, the museum's board announced on Friday.

The figures, known as the Oruna Bronzes, were taken from a royal palace in what is now Belisar by Ardenzan soldiers in 1889 and have been on display in Vallora since 1902.

Belisar first asked for the bronzes in 1991. Successive Ardenzan governments refused, arguing that the objects had been legally acquired under the laws of the time. The museum's board said a team of Belisari conservators would spend two months in Vallora preparing the figures for the journey.

The museum's director, Sofia Landi, said the board had voted unanimously after a two-year review of the museum's own archives. “We read the letters our predecessors wrote. They knew, and they wrote, ‘we must not ask how these came to us’. We decided that we would ask,” she said.

Belisar's culture minister, Amina Diallo-Reyes, welcomed the decision. The minister said a new museum in the capital, Keffa, would display the figures from next autumn.

Diallo-Reyes said her ministry would lend other objects from its own collections to Vallora in return.

For Diallo-Reyes, whose grandfather campaigned for the return of the bronzes in the 1960s, the moment was personal. “My grandfather wrote his first letter about them in 1961. He did not live to see this. I will carry his letter with me when they come home.”

Not everyone in Ardenza agreed. Bruno Carafa, a lawmaker from the nationalist Ardenza First party, said returning the bronzes would encourage claims against every museum in the country. “Where does it stop? With the paintings? With the church bells?” Carafa said.

The president's office said she supported the board's decision and would attend the handover ceremony.

Under Ardenzan law, objects in the national collection can only leave the country with the approval of parliament. A vote is expected in April, according to the speaker of parliament, Giulia Marchi.

At the museum on Friday afternoon, a queue formed at the door of the room where the figures are displayed. Paolo Ruscetti, a teacher, had brought his class of twelve-year-olds. “I told them to look carefully. Soon they will need a plane ticket to see these,” he said.

The museum said the bronzes would remain on display until the end of the year. The handover ceremony is planned for September, and insurance for the journey alone will cost more than two million lira.
""",
    ann="""
G Ardenza @ Ardenza's National
O* National Museum
G Belisar @ figures to Belisar
D the two countries
D the museum's board
D Ardenzan soldiers
G Belisar @ Belisar first asked
D Successive Ardenzan governments
D The museum's board @ The museum's board said a team
D a team of Belisari conservators
D The museum's director
P* Sofia Landi
D the board @ said the board
D the museum @ the museum's own
R she @ ask,” she said
G Belisar @ Belisar's culture
D culture minister
P* Amina Diallo-Reyes | Diallo-Reyes
D The minister
D her ministry
P* Bruno Carafa | Carafa
D a lawmaker
O* Ardenza First
D The president's office
D the board @ the board's decision
D parliament @ approval of parliament
D the speaker
D parliament @ speaker of parliament
P* Giulia Marchi
P* Paolo Ruscetti
D a teacher
R he @ these,” he said
D The museum @ The museum said
QI Ardenza's National Museum will return >> more than thirty years ; the museum's board ; announced
QI the objects had been legally ; Successive Ardenzan governments ; arguing
QI a team of Belisari conservators ; The museum's board @ The museum's board said a team ; said @ board said a team
QI her ministry would lend ; Diallo-Reyes @ Diallo-Reyes said her ; said @ Diallo-Reyes said her
QI the board had voted ; Sofia Landi ; said @ Landi, said
QD We read the letters ; Sofia Landi ; said @ ask,” she said
QI a new museum in the capital ; The minister ; said @ minister said
QD My grandfather wrote ; Diallo-Reyes @ For Diallo-Reyes ; -
QI returning the bronzes ; Bruno Carafa ; said @ party, said
QD Where does it stop ; Carafa @ Carafa said ; said @ Carafa said
QI she supported the board's ; The president's office ; said @ office said
QI A vote is expected in April >> in April ; Giulia Marchi ; according to
QD I told them to look ; Paolo Ruscetti ; said @ these,” he said
QI the bronzes would remain ; The museum @ The museum said ; said @ The museum said
""",
)

# ---------------------------------------------------------------- tune-03
add(
    id="tune-03",
    title="Kestrian central bank governor resigns, alleging political pressure",
    text="""
DORVIK — The governor of Kestria's central bank, Henrik Solberg, resigned on Tuesday after less than two years in office, citing what he described as repeated political interference in monetary policy.

Solberg was quoted by the financial newspaper Dorvik Business Daily as saying that ministers had pressed him at least four times to delay interest rate increases in the months before last year's local elections. He did not name them.

In his resignation letter, which was published on the bank's website, Solberg wrote: “A central bank that takes instructions is no longer a central bank. It is a department of the finance ministry, and an expensive one.”

Finance Minister Karl Oberg was quoted by state television as saying that the government had never instructed the bank and fully respected its independence. “I have had disagreements with the governor. Disagreement is not pressure,” Oberg said in a later interview with the same channel.

Prime Minister Nora Eklund said she regretted the resignation. She said the government would nominate a successor within a month and would consult the opposition on the choice. Eklund was later quoted by the news agency KNA as saying that Oberg had her full confidence.

The Kestrian crown fell 2.3 percent against the dollar within an hour of the announcement, its sharpest one-day drop since 2020. Traders said the currency could weaken further if the government chose a candidate seen as close to the finance ministry.

The Union of Northern States' monetary committee said in a statement that it was concerned by the allegations and expected Kestria to respect the independence of its central bank.

Oberg, a former commercial banker, has publicly criticised the bank's rate increases several times this year, arguing that they were hurting exporters.

“Markets can live with high interest rates. What they cannot live with is not knowing who really sets them,” said Petra Mork, chief economist at Skarn Bank.

Opposition leader Jakob Frisk called for a parliamentary inquiry into the allegations. He said the resignation would damage confidence in Kestrian institutions for years.

The bank's deputy governor, Ingrid Sahl, will lead the institution until a successor is appointed. In a brief statement, she said the bank's policy would not change and that its next rate decision would be announced as planned on 14 March.

Solberg, a former university professor, had raised the bank's main rate five times since taking office, to 6.5 percent. He has not said what he plans to do next.
""",
    ann="""
D The governor @ The governor of
G Kestria @ of Kestria's central
D central bank @ Kestria's central bank
P* Henrik Solberg | Solberg
O* Dorvik Business Daily
D ministers
D the bank @ the bank's website
D the finance ministry @ a department of the finance ministry
P* Karl Oberg | Oberg
D state television
D the government @ that the government had never
D the bank @ instructed the bank
D the governor @ with the governor
D the same channel
P* Nora Eklund | Eklund
R She @ She said the government
D the government @ She said the government
D the opposition
O* KNA
D Traders
D the government @ if the government chose
D the finance ministry @ close to the finance ministry
O* Union of Northern States
D monetary committee
G Kestria @ expected Kestria
D its central bank
D a former commercial banker
D the bank @ criticised the bank's
P* Petra Mork
D chief economist
O* Skarn Bank
P* Jakob Frisk
R He @ He said the resignation
D The bank's deputy governor
P* Ingrid Sahl
D the institution
R she @ she said the bank's
D the bank @ the bank's policy
D a former university professor
D the bank @ raised the bank's
QI ministers had pressed him ; Solberg @ Solberg was quoted ; was quoted by the financial newspaper Dorvik Business Daily as saying
QD A central bank that takes ; Solberg @ Solberg wrote ; wrote
QI the government had never instructed ; Karl Oberg ; was quoted by state television as saying
QD I have had disagreements ; Oberg @ Oberg said ; said @ Oberg said
QI she regretted the resignation ; Nora Eklund ; said @ Eklund said
QI the government would nominate ; Nora Eklund ; said @ She said the government
QI Oberg had her full confidence ; Eklund @ Eklund was later ; was later quoted by the news agency KNA as saying
QI the currency could weaken ; Traders ; said @ Traders said
QI it was concerned by ; monetary committee ; said @ committee said
QI they were hurting exporters ; Oberg @ Oberg, a former ; arguing
QD Markets can live ; Petra Mork ; said @ said Petra
QI the resignation would damage ; Jakob Frisk ; said @ He said the resignation
QI the bank's policy would not change ; Ingrid Sahl ; said @ she said the bank's
""",
)

# ---------------------------------------------------------------- tune-04
add(
    id="tune-04",
    style="straight",
    title="Students march in Selmo against plan to triple tuition fees",
    text="""
SELMO — Thousands of students marched through the centre of Selmo on Thursday to protest against a government plan to triple tuition fees at public universities, in the largest student demonstration in Tarvania for a decade.

Police said about 15,000 people took part, while organisers put the number at 40,000. The march ended outside the education ministry, where students laid hundreds of empty envelopes on the steps to represent unpaid bills.

Education Minister Vera Halasz defended the plan in parliament later in the day. The minister told lawmakers that universities faced a funding gap of 300 million crowns and that the only alternative was to close entire departments. "Free education is a beautiful idea. Somebody still has to pay the professors," the minister said.

The Tarvanian Students' Federation, which organised the march, says the plan would put higher education out of reach for many young people. "Our parents studied for free. Now they want us to start our working lives with a debt the size of a flat," said the federation's president, Mihai Lorant.

The federation said it would organise a second march next month if the plan was not withdrawn. Its demands include a freeze on fees until 2030 and more student housing.

Halasz, a former economics professor, has said in the past that free tuition mostly benefits children from wealthier families.

The rector of Selmo University, Anna Weller, said universities had asked the government for more public money, not for higher fees. The rector said she feared that students from poorer families would stop applying altogether. "We will lose talent we will never even know we had," she said.

A government spokesman said the plan included new grants for students from low-income families and would not be withdrawn. He said fees had not risen since 2009.

Opposition leader Tomas Bilek, who joined the march for part of the route, said his party would scrap the plan if it won next year's election.

Katja Horvat, a second-year medical student, said she already worked twenty hours a week in a supermarket to pay her rent. "If the fees go up, I will have to choose between sleeping and studying," she said. "Most of my friends are doing the same calculation."

Scuffles broke out near the ministry when a small group threw eggs at police. A police spokesman said three people had been detained and later released without charge.

Parliament is due to vote on the plan on 12 May. The governing coalition has a majority of eleven seats.
""",
    ann="""
D Thousands of students
D Police @ Police said
D organisers
P* Vera Halasz | Halasz
D The federation @ The federation said
D a former economics professor
D The minister @ The minister told
D lawmakers
D the minister @ the minister said
O* Tarvanian Students' Federation
D the federation's president
P* Mihai Lorant
D The rector @ The rector of
O* Selmo University
P* Anna Weller
D the government @ asked the government
D The rector @ The rector said
R she @ had," she said
D A government spokesman
R He @ He said fees
P* Tomas Bilek
D his party
P* Katja Horvat
D a second-year medical student
R she @ studying," she said
D a small group
D police @ eggs at police
D A police spokesman
D Parliament
D The governing coalition
QI about 15,000 people took part >> took part ; Police @ Police said ; said @ Police said
QI universities faced a funding gap ; The minister @ The minister told ; told
QD Free education is ; the minister @ the minister said ; said @ the minister said
QI the plan would put higher education ; Tarvanian Students' Federation ; says
QD Our parents studied ; Mihai Lorant ; said @ said the federation's
QI it would organise a second march ; The federation @ The federation said ; said @ The federation said
QI free tuition mostly benefits ; Halasz @ Halasz, a former ; said @ has said in the past
QI universities had asked ; Anna Weller ; said @ Weller, said
QI she feared that students ; The rector @ The rector said ; said @ The rector said
QD We will lose talent ; Anna Weller ; said @ had," she said
QI the plan included new grants ; A government spokesman ; said @ government spokesman said
QI fees had not risen ; A government spokesman ; said @ He said fees
QI his party would scrap ; Tomas Bilek ; said @ route, said
QI she already worked ; Katja Horvat ; said @ student, said
QD If the fees go up ; Katja Horvat ; said @ studying," she said
QD Most of my friends ; Katja Horvat ; said @ studying," she said
QI three people had been detained ; A police spokesman ; said @ police spokesman said
""",
)

# ---------------------------------------------------------------- tune-05
add(
    id="tune-05",
    title="Earthquake kills at least 37 in eastern Zerevan",
    text="""
MESHAN — A magnitude 6.4 earthquake struck eastern Zerevan before dawn on Wednesday, killing at least 37 people and destroying hundreds of homes in and around the city of Meshan, officials said.

According to the national seismology institute, the epicentre lay 12 kilometres south of Meshan at a depth of just nine kilometres, which made the shaking particularly violent. More than forty aftershocks were recorded during the day.

The interior ministry said 214 people had been injured, many of them seriously, and that about 3,000 people had spent the day in the open. Rescuers and neighbours dug through rubble with their hands in several districts of the city.

Meshan's governor, Dariush Kamali, told state television that the death toll was likely to rise because several mountain villages had not yet been reached. “The roads are cut. We are sending people on foot and on mules,” he said. “In one village, the only person we have spoken to is the imam, by satellite phone.”

According to the relief group Mountain Aid, at least four schools collapsed, though lessons had not yet started when the quake struck. The group said its teams had set up a field kitchen near the city's football stadium.

The national electricity company said power had been restored to most of Meshan by the evening, but that about 20,000 homes in outlying districts remained without electricity.

Doctors at the city's main hospital treated patients in the car park because of fears that the building had been damaged. “We have operated in tents before. We did not expect to do it in our own car park,” said one surgeon, Hamid Farsi.

“I heard the walls before I felt them,” said Leyla Moradi, 34, who escaped with her two children from a four-storey building that collapsed minutes later. “There was a sound like a train, and then the stairs were moving under us.”

Belisar, whose relations with Zerevan have been tense since the fighting in Kalpur province, offered to send a rescue team with sniffer dogs. Zerevan's foreign ministry said it had accepted the offer with thanks.

According to Daniel Otieno of the World Refugee Office, the agency has dispatched tents for 5,000 people from its warehouse in Belisar. He said the trucks were expected to cross the border on Thursday morning.

Seismologists warned that strong aftershocks could continue for several weeks and urged residents not to return to damaged buildings. President Faris Nouri, who flew to Meshan in the afternoon, declared three days of national mourning.
""",
    ann="""
D officials
D the national seismology institute
D The interior ministry
D Rescuers
G Meshan @ Meshan's governor
D governor @ Meshan's governor
P* Dariush Kamali
D state television
R he @ mules,” he said
D the imam
O* Mountain Aid
D The group
D its teams
D The national electricity company
D Doctors
D one surgeon
P* Hamid Farsi
P* Leyla Moradi
G Belisar @ Belisar, whose
G Zerevan @ relations with Zerevan
G Zerevan @ Zerevan's foreign
D foreign ministry
P* Daniel Otieno
O* World Refugee Office
D the agency
R He @ He said the trucks
D Seismologists
P* Faris Nouri
QI A magnitude 6.4 earthquake >> around the city of Meshan ; officials ; said @ officials said
QI the epicentre lay ; the national seismology institute ; According to @ According to the national
QI 214 people had been injured ; The interior ministry ; said @ ministry said 214
QI the death toll was likely ; Dariush Kamali ; told
QD The roads are cut ; Dariush Kamali ; said @ mules,” he said
QD In one village ; Dariush Kamali ; said @ mules,” he said
QI at least four schools collapsed ; Mountain Aid ; According to @ According to the relief
QI its teams had set up ; The group ; said @ The group said
QI power had been restored ; The national electricity company ; said @ company said
QD We have operated in tents ; Hamid Farsi ; said @ said one surgeon
QD I heard the walls ; Leyla Moradi ; said @ said Leyla
QD There was a sound ; Leyla Moradi ; said @ said Leyla
QI it had accepted the offer ; foreign ministry @ Zerevan's foreign ministry ; said @ ministry said it
QI the agency has dispatched ; Daniel Otieno ; According to @ According to Daniel
QI the trucks were expected ; Daniel Otieno ; said @ He said the trucks
QI strong aftershocks could continue >> for several weeks ; Seismologists ; warned
""",
)

# ---------------------------------------------------------------- tune-06
add(
    id="tune-06",
    title="Ostrel suspends armoured vehicle contract after audit finds altered bid",
    text="""
VARN — Ostrel's defence ministry has suspended a 1.2 billion crown contract for armoured vehicles after an internal audit found that the winning bid had been altered after the deadline, officials said on Monday.

The contract was awarded in March to Brannock Defence, a Kestrian-Ostrelian joint venture, for 140 wheeled troop carriers to replace vehicles that have been in service since the 1980s.

The Varn Morning Post reported on Sunday that Defence Minister Aksel Birk had told senior officers at a meeting last week that he had not seen the final version of the bid before signing the contract. Citing two people present at the meeting, the paper said Birk had also ordered an inquiry into who had access to the sealed bids.

A copy of the audit seen by reporters says the price in Brannock's bid was lowered by 4 percent two days after bidding closed, which moved it from second place to first.

Brannock Defence said in a statement from its offices in Dorvik that it had acted in good faith throughout. It said the change to its bid had been requested by the ministry's own procurement office.

Birk, appearing before reporters on Monday afternoon, did not deny the newspaper's account. “If someone changed the rules of the game after the final whistle, I want to know who, and so will the prosecutor,” he said.

Opposition leader Lars Ekdal demanded that Birk resign. “A minister who signs what he has not read should not be signing anything,” he said. “This is not a question of procedure. It is a question of competence.”

Birk, a former tank commander, took office in 2021 promising to clean up military procurement after a series of scandals.

Brannock's chief executive, Lukas Fenner, told shareholders in a letter seen by reporters that the company expected to be cleared. “We won this contract because our vehicle is the best, and the trials showed it,” he wrote. Kestria's defence ministry, which holds a stake in Brannock through a state holding company, declined to comment.

The army's chief of staff, General Maren Holt, said the delay would not affect the army's readiness because the existing vehicles could be kept in service for two more years.

The state prosecutor's office confirmed it had received a complaint about the tender and said it was examining whether a criminal investigation was warranted.

The losing bidder, the Corvessan firm Tarrant Motors, said it would seek damages if the contract was not put out to tender again. Parliament's defence committee will question Birk on Thursday.
""",
    ann="""
G Ostrel @ Ostrel's defence
D defence ministry @ Ostrel's defence ministry
D officials
O* Brannock Defence | Brannock
D a Kestrian-Ostrelian joint venture
O* Varn Morning Post
P* Aksel Birk | Birk
D senior officers
D the paper
R It @ It said the change
D the ministry's own procurement office
D the newspaper
D the prosecutor
R he @ prosecutor,” he said
P* Lars Ekdal
R he @ anything,” he said
D a former tank commander
D chief executive
P* Lukas Fenner
D the company @ that the company expected
R he @ he wrote
G Kestria @ Kestria's defence
D defence ministry @ Kestria's defence ministry
D a state holding company
D The army's chief of staff
P* Maren Holt
D the army @ the army's readiness
D The state prosecutor's office
D The losing bidder
D Parliament's defence committee
O* Tarrant Motors
QI Ostrel's defence ministry has suspended >> after the deadline ; officials ; said @ officials said
QI he had not seen the final version ; Aksel Birk ; told @ Birk had told
QI Birk had also ordered ; the paper ; said @ the paper said
QI the price in Brannock's bid ; - ; says
QI it had acted in good faith ; Brannock Defence @ Brannock Defence said ; said @ Defence said
QI the change to its bid ; Brannock Defence @ Brannock Defence said ; said @ It said the change
QD If someone changed ; Birk @ Birk, appearing ; said @ prosecutor,” he said
QI Birk resign ; Lars Ekdal ; demanded
QD A minister who signs ; Lars Ekdal ; said @ anything,” he said
QD This is not a question ; Lars Ekdal ; said @ anything,” he said
QI the company expected to be cleared ; Lukas Fenner ; told @ Fenner, told
QD We won this contract ; Lukas Fenner ; wrote
QI the delay would not affect ; Maren Holt ; said @ Holt, said
QI it had received a complaint >> about the tender ; The state prosecutor's office ; confirmed
QI it was examining ; The state prosecutor's office ; said @ and said it was
QI it would seek damages ; Tarrant Motors ; said @ Motors, said
""",
)

# ---------------------------------------------------------------- tune-07
add(
    id="tune-07",
    style="straight",
    title="Marenzian farmers block Pallado with tractors over grain imports",
    text="""
PALLADO — Hundreds of farmers drove their tractors into the centre of Pallado on Tuesday, blocking the main avenue to parliament for more than six hours in protest against cheap grain imports and new rules on the use of fertiliser.

The Marenzian Farmers' Alliance, which represents about 60,000 farms, said about 900 tractors had taken part. Its chairman, Gregor Vukic, said wheat prices had fallen by a third since January because of imports from outside the union. "We are not asking for charity. We are asking to be allowed to compete on the same terms," he said.

Vukic accused the Ostrelians of flooding the regional market with grain bought cheaply from outside the bloc and resold under Ostrelian labels. In Varn, Ostrel's agriculture ministry said Ostrelian exporters were respecting all union rules.

Agriculture Minister Sabina Rota met a delegation of protest leaders in the afternoon. She said afterwards that the government would ask the Union of Northern States to allow temporary limits on grain imports. "I cannot promise what the union will decide. I can promise that we will ask, and loudly," she told reporters.

Prime Minister Matteo Lazar said on Tuesday evening that the new fertiliser rules, due to take effect in March, would be postponed by a year. He said the delay would give farmers time to adapt.

The environmental group Green Earth Marenzia said the rules were needed to protect rivers and drinking water. Its director, Nadia Fekete, said she was disappointed that the government had given in so quickly. "Rivers do not vote, but everybody drinks," she said.

Many Marenzians sympathise with the farmers. A poll published last week by the Pallado Herald found that 61 percent supported the protest.

Farmers from neighbouring Tarvania joined the protest in solidarity. "Their problem is our problem. Next month it could be our tractors outside parliament in Selmo," said Radek Hanus, a grain grower who had driven for two days to reach Pallado.

Some protesters sprayed manure on the steps of the agriculture ministry before police moved them back.

Not everyone in the capital was sympathetic. Marius Pop, a taxi driver, said he had lost a day's earnings. "I understand them. But I have bills too, and nobody blocks the street for me," he said.

Police said the protest had been peaceful and that no arrests had been made. The last tractors left the city shortly after dark, escorted by motorcycle officers. Farmers' leaders said they would return next month if the government did not act on imports.
""",
    ann="""
D Hundreds of farmers
O* Marenzian Farmers' Alliance
D Its chairman
P* Gregor Vukic | Vukic
R he @ terms," he said
N the Ostrelians
G Ostrel @ Ostrel's agriculture
D agriculture ministry @ Ostrel's agriculture ministry
P* Sabina Rota
D a delegation of protest leaders
R She @ She said afterwards
D the government @ that the government would ask
O* Union of Northern States
D the union @ what the union
R she @ loudly," she told
P* Matteo Lazar
R He @ He said the delay
O* Green Earth Marenzia
D Its director
P* Nadia Fekete
D the government @ the government had given
R she @ drinks," she said
N Marenzians
D the farmers @ sympathise with the farmers
O* Pallado Herald
D Farmers @ Farmers from
P* Radek Hanus
D a grain grower
D Some protesters
D police @ before police
P* Marius Pop
D a taxi driver
R he @ me," he said
D Police
D Farmers' leaders
D the government @ if the government did not
QI about 900 tractors ; Marenzian Farmers' Alliance ; said @ farms, said
QI wheat prices had fallen ; Gregor Vukic ; said @ Vukic, said
QD We are not asking ; Gregor Vukic ; said @ terms," he said
QI Ostrelian exporters were ; agriculture ministry @ Ostrel's agriculture ministry ; said @ ministry said
QI the government would ask ; Sabina Rota ; said @ She said afterwards
QD I cannot promise ; Sabina Rota ; told
QI the new fertiliser rules ; Matteo Lazar ; said @ Lazar said
QI the delay would give ; Matteo Lazar ; said @ He said the delay
QI the rules were needed ; Green Earth Marenzia ; said @ Marenzia said
QI she was disappointed ; Nadia Fekete ; said @ Fekete, said
QD Rivers do not vote ; Nadia Fekete ; said @ drinks," she said
QD Their problem is our problem ; Radek Hanus ; said @ said Radek
QI he had lost a day's ; Marius Pop ; said @ driver, said
QD I understand them ; Marius Pop ; said @ me," he said
QI the protest had been peaceful ; Police ; said @ Police said
QI they would return next month ; Farmers' leaders ; said @ leaders said
""",
)

# ---------------------------------------------------------------- tune-08
add(
    id="tune-08",
    title="Tarvania and Corvessa pause steel-and-fish tariff war",
    text="""
SELMO — Tarvania and Corvessa agreed on Friday to suspend a tit-for-tat tariff dispute over steel and fish for six months while negotiators try to reach a permanent deal, the two governments said in a joint statement.

The dispute began in June, when Tarvania imposed a 25 percent tariff on Corvessan fish, arguing that Corvessa was paying unfair state aid to its fishing fleet. Corvessa responded two weeks later with a tariff of the same size on Tarvanian steel.

Tarvania's trade minister, Hana Petrik, called the agreement a ceasefire rather than a peace treaty. “We have stopped shooting at each other's exports. Now we have to decide whether we want to trade or to argue,” the trade minister said at a news conference in Selmo.

Corvessa's trade commissioner, Owen Maddox, who led his country's delegation, said his government had not dropped its demand for an end to Tarvanian subsidies for steelmakers. The commissioner said that demand would be at the centre of the next round of talks, due to begin in Port Lisle in January.

A senior Tarvanian official involved in the negotiations said the most difficult issue would be state guarantees for steel plant loans, which Corvessa regards as hidden subsidies. He said both sides had agreed not to comment on the details while talks were under way.

The Tarvanian Steel Producers' Association welcomed the suspension. Its president, Vilem Ran, said exports to Corvessa had fallen by 40 percent since July. “Three more months of this and two of our furnaces would have gone cold,” he said.

In Port Lisle, Bryony Walsh, who chairs the Corvessan Inshore Fishermen's Association, said her members had lost their largest export market overnight in June. “We were the hostages in somebody else's argument,” she said. “Nobody asked the fishermen before the first shot was fired.”

The Tarvanian Chamber of Commerce said the six-month pause was too short to restore confidence. Its director, Milos Vranek, said exporters needed to know the rules for at least two years before signing new contracts. Economists at Selmo University estimated that the dispute had cost the two countries about 180 million crowns in lost trade.

The Union of Northern States, of which both countries are members, welcomed the announcement. Its trade office had warned in October that the dispute breached the bloc's internal market rules.

The joint statement gave no details of how the negotiations would be organised. Tariffs collected since June will not be refunded, officials on both sides said.
""",
    ann="""
G Tarvania @ SELMO — Tarvania
G Corvessa @ Tarvania and Corvessa agreed
D negotiators
D the two governments
G Tarvania @ when Tarvania imposed
G Corvessa @ that Corvessa was
G Corvessa @ Corvessa responded
G Tarvania @ Tarvania's trade
D trade minister @ Tarvania's trade minister
P* Hana Petrik
D the trade minister
G Corvessa @ Corvessa's trade
D trade commissioner
P* Owen Maddox
D his country's delegation
D his government
D The commissioner
D A senior Tarvanian official
G Corvessa @ which Corvessa regards
R He @ He said both sides
D both sides @ He said both sides
O* Tarvanian Steel Producers' Association
D Its president
P* Vilem Ran
R he @ cold,” he said
P* Bryony Walsh
O* Corvessan Inshore Fishermen's Association
D her members
R she @ argument,” she said
D the fishermen
O* Tarvanian Chamber of Commerce
D Its director
P* Milos Vranek
D Economists
O* Selmo University
D the two countries
O* Union of Northern States
D both countries
D Its trade office
D the bloc
D officials @ officials on both sides
QI Tarvania and Corvessa agreed >> a permanent deal ; the two governments ; said @ governments said
QI Corvessa was paying unfair ; Tarvania @ when Tarvania imposed ; arguing
QD We have stopped shooting ; the trade minister ; said @ the trade minister said
QI his government had not dropped ; Owen Maddox ; said @ delegation, said
QI that demand would be at the centre ; The commissioner ; said @ commissioner said
QI the most difficult issue ; A senior Tarvanian official ; said @ negotiations said
QI both sides had agreed ; A senior Tarvanian official ; said @ He said both sides
QI exports to Corvessa ; Vilem Ran ; said @ Ran, said
QD Three more months ; Vilem Ran ; said @ cold,” he said
QI her members had lost ; Bryony Walsh ; said @ Association, said
QD We were the hostages ; Bryony Walsh ; said @ argument,” she said
QD Nobody asked the fishermen ; Bryony Walsh ; said @ argument,” she said
QI the six-month pause ; Tarvanian Chamber of Commerce ; said @ Commerce said
QI exporters needed to know ; Milos Vranek ; said @ Vranek, said
QI the dispute had cost ; Economists ; estimated
QI the dispute breached ; Its trade office ; warned
QI Tariffs collected since June >> will not be refunded ; officials @ officials on both sides ; said @ sides said
""",
)
