package org.galdav.demo;

import java.util.List;

/**
 * Name pools of the demo company's staff: mostly European, with enough accented, Cyrillic, Greek, Arabic and
 * CJK names that clients are exercised on every script. Non-Latin names carry their romanisation after a
 * {@code |}, which is what logins are made from.
 */
enum Culture {

    GERMAN(20, Office.BERLIN, false,
            "Lukas Jonas Felix Maximilian Paul Jürgen Jörg Günther Uwe Matthias Stefan Tobias Hans-Peter Klaus",
            "Anna Sophie Marie Lena Hannah Käthe Sabine Katharina Birgit Jana Ulrike Friederike Jutta Lea",
            "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Köhler Groß Schäfer "
                    + "Krüger Wolf Braun Zimmermann Hartmann Lange Böhm Weiß Jäger Vogel Günther",
            null),
    FRENCH(14, Office.LYON, false,
            "François Mathieu Sébastien Jérôme Noël Gaël Thomas Julien Étienne Hugo Benoît Loïc Jean-Luc Théo",
            "Élodie Amélie Léa Hélène Chloé Céline Anaïs Camille Manon Inès Océane Maëlle Marie-Claire Josée",
            "Dubois Lefèvre Moreau Girard Fontaine Rousseau Leroy Bonnet Mercier Chevalier Lemaître Dupré-Lafon "
                    + "Garnier Faure Béranger Laurent Lacroix Aubert Guérin Deschênes",
            null),
    ENGLISH(12, Office.TORONTO, false,
            "James Liam Noah William Ethan Benjamin Owen Jack Samuel Connor Nathan Lucas Declan Ryan",
            "Olivia Emma Charlotte Amelia Zoë Chloe Grace Madison Abigail Emily Hannah Sophie Brooke Siobhán",
            "Smith Johnson Brown Taylor Wilson MacDonald O'Brien Campbell Anderson Thompson Martin Tremblay "
                    + "Roy Gagnon Clarke Walker Wright Robinson Murphy Kelly",
            null),
    IBERIAN(8, Office.LYON, false,
            "José Ángel Raúl Martín Javier Álvaro João Gonçalo Rodrigo Andrés Sergio Tomás",
            "María Lucía Sofía Begoña Inês Conceição Carmen Beatriz Raquel Leonor Ainhoa Mónica",
            "García Fernández González Rodríguez López Martínez Sánchez Pérez Núñez Peña Gonçalves Araújo "
                    + "Sousa Ibáñez Muñoz Ortega",
            null),
    ITALIAN(6, Office.LYON, false,
            "Alessandro Lorenzo Matteo Niccolò Giovanni Francesco Davide Luca Andrea Federico",
            "Giulia Francesca Chiara Martina Alessia Sara Elena Beatrice Ilaria Noemi",
            "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Gallo Conti Fontana Caruso",
            null),
    WEST_SLAVIC(6, Office.BERLIN, false,
            "Łukasz Paweł Krzysztof Wojciech Michał Jiří Tomáš Ondřej Jakub Piotr",
            "Małgorzata Agnieszka Żaneta Katarzyna Zuzana Kateřina Barbora Magdalena Joanna Ewa",
            "Kowalski Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szczęsny Dvořák Novák Svoboda",
            "Kowalska Wiśniewska Wójcik Kamińska Lewandowska Zielińska Szczęsna Dvořáková Nováková Svobodová"),
    NORDIC(5, Office.BERLIN, false,
            "Søren Björn Håkon Lars Mikkel Anders Erik Nils Ørjan Sigurður",
            "Astrid Freja Ingrid Sigrid Åsa Linnéa Maja Ingeborg Solveig Sólveig",
            "Ørsted Andersen Nielsen Johansson Lindqvist Håland Bjørnstad Sørensen Ekström Lindgren Nyström "
                    + "Åberg",
            null),
    DUTCH(4, Office.BERLIN, false,
            "Daan Bram Sem Thijs Joris Sven Ruben Jeroen",
            "Sanne Femke Lotte Anouk Fleur Roos Eline Marieke",
            "de_Jong van_Dijk Jansen Bakker Visser van_den_Berg Smit de_Vries Mulder Bos",
            null),
    TURKISH(4, Office.BERLIN, false,
            "Mehmet Emre Mustafa Burak Can Oğuz Hüseyin Barış",
            "Ayşe Çağla Gül Elif Zeynep Şebnem Merve Özlem",
            "Yılmaz Öztürk Şahin Çelik Kaya Demir Aydın Arslan Doğan Kılıç",
            null),
    INDIAN(4, Office.TORONTO, false,
            "Arjun Rohan Vikram Aditya Rahul Karthik Sanjay Anil",
            "Priya Ananya Divya Lakshmi Meera Kavya Shreya Neha",
            "Sharma Patel Iyer Reddy Gupta Nair Singh Rao Menon Desai",
            null),
    GREEK(3, null, false,
            "Γιώργος|Giorgos Δημήτρης|Dimitris Νίκος|Nikos Κώστας|Kostas Γιάννης|Giannis Αλέξανδρος|Alexandros",
            "Μαρία|Maria Ελένη|Eleni Κατερίνα|Katerina Σοφία|Sofia Δέσποινα|Despoina Αθηνά|Athina",
            "Παπαδόπουλος|Papadopoulos Παπαδάκης|Papadakis Βλάχος|Vlachos Οικονόμου|Oikonomou "
                    + "Γεωργίου|Georgiou Νικολάου|Nikolaou",
            "Παπαδοπούλου|Papadopoulou Παπαδάκη|Papadaki Βλάχου|Vlachou Οικονόμου|Oikonomou "
                    + "Γεωργίου|Georgiou Νικολάου|Nikolaou"),
    EAST_SLAVIC(4, Office.BERLIN, false,
            "Иван|Ivan Дмитрий|Dmitry Алексей|Alexey Сергей|Sergey Тарас|Taras Андрій|Andriy Михаил|Mikhail",
            "Анна|Anna Ольга|Olga Наталья|Natalya Екатерина|Ekaterina Олена|Olena Юлія|Yuliia Татьяна|Tatiana",
            "Петров|Petrov Иванов|Ivanov Смирнов|Smirnov Кузнецов|Kuznetsov Соколов|Sokolov "
                    + "Шевченко|Shevchenko Коваленко|Kovalenko Бондаренко|Bondarenko",
            "Петрова|Petrova Иванова|Ivanova Смирнова|Smirnova Кузнецова|Kuznetsova Соколова|Sokolova "
                    + "Шевченко|Shevchenko Коваленко|Kovalenko Бондаренко|Bondarenko"),
    JAPANESE(3, Office.TORONTO, true,
            "太郎|Taro 健|Ken 翔太|Shota 大輔|Daisuke 拓海|Takumi 悠人|Yuto",
            "花子|Hanako 陽子|Yoko 美咲|Misaki さくら|Sakura 結衣|Yui 直美|Naomi",
            "山田|Yamada 佐藤|Sato 鈴木|Suzuki 高橋|Takahashi 田中|Tanaka 渡辺|Watanabe 伊藤|Ito 中村|Nakamura",
            null),
    CHINESE(3, Office.TORONTO, true,
            "伟|Wei 磊|Lei 强|Qiang 明|Ming 浩然|Haoran 俊杰|Junjie",
            "芳|Fang 静|Jing 秀英|Xiuying 丽|Li 婷|Ting 雪梅|Xuemei",
            "王|Wang 李|Li 张|Zhang 刘|Liu 陈|Chen 杨|Yang 黄|Huang 赵|Zhao",
            null),
    KOREAN(1, Office.TORONTO, true,
            "민준|Minjun 지훈|Jihoon 현우|Hyunwoo",
            "서연|Seoyeon 지민|Jimin 수빈|Subin",
            "김|Kim 이|Lee 박|Park 최|Choi 정|Jung",
            null),
    ARABIC(3, null, false,
            "محمد|Mohammed أحمد|Ahmed عمر|Omar يوسف|Youssef خالد|Khaled كريم|Karim",
            "فاطمة|Fatima ليلى|Layla مريم|Maryam سارة|Sara نور|Nour ياسمين|Yasmin",
            "حداد|Haddad خوري|Khoury الحسن|Al-Hassan المنصور|Al-Mansour النجار|Al-Najjar سعيد|Saeed "
                    + "العلي|Al-Ali",
            null);

    final int weight;
    /** Where people of this culture most often work; {@code null} for no preference. */
    final Office homeOffice;
    /** Family name first in the common name, as in "山田 太郎". */
    final boolean familyFirst;
    final List<String> maleGiven;
    final List<String> femaleGiven;
    final List<String> maleSurnames;
    final List<String> femaleSurnames;

    Culture(int weight, Office homeOffice, boolean familyFirst, String maleGiven, String femaleGiven,
            String maleSurnames, String femaleSurnames) {
        this.weight = weight;
        this.homeOffice = homeOffice;
        this.familyFirst = familyFirst;
        this.maleGiven = split(maleGiven);
        this.femaleGiven = split(femaleGiven);
        this.maleSurnames = split(maleSurnames);
        this.femaleSurnames = femaleSurnames == null ? this.maleSurnames : split(femaleSurnames);
    }

    /** Splits a space-separated pool; {@code _} stands for a space inside a name ("van_Dijk"). */
    private static List<String> split(String pool) {
        return List.of(pool.replace(' ', '\n').replace('_', ' ').split("\n"));
    }
}
